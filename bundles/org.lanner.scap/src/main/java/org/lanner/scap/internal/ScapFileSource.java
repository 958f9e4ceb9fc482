package org.lanner.scap.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.lanner.api.source.EventSource;
import org.lanner.api.source.EventSourceName;
import org.lanner.api.source.EventStream;
import org.lanner.api.source.SourceException;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The {@code syscall} source reading capture files ({@code lanner -e FILE}): {@link #open(String)}
 * takes the file name ({@code -} for standard input).
 *
 * <p>Plugin events in a capture go to the source of their plugin id, learnt from the
 * {@link EventSource} services that carry {@link EventSource#PLUGIN_ID}; events of plugin ids no
 * service names are skipped and counted in the stream's drops.
 */
@Component(service = EventSource.class)
@EventSourceName(source = ScapReader.SYSCALL, input = EventSource.INPUT_FILE)
public final class ScapFileSource implements EventSource {

    /** service.id → (plugin id, source name) of the plugin sources seen. */
    private final Map<Long, PluginSource> registered = new LinkedHashMap<>();
    /** What {@link #sourceOf(int)} searches: few entries, read on every plugin event without allocating. */
    private volatile PluginTable table = new PluginTable(new int[0], new String[0]);

    public ScapFileSource() {
    }

    @Override
    public String sourceName() {
        return ScapReader.SYSCALL;
    }

    @Override
    public String description() {
        return "system calls from a libscap capture file (.scap, plain or gzip)";
    }

    /**
     * A capture file, plain or gzip, starts with a section header block: its type and its byte-order
     * magic say so (a truncated or damaged capture is still one, and its reading reports the damage).
     */
    @Override
    public boolean recognizes(Path file) throws IOException {
        return isCapture(file);
    }

    static boolean isCapture(Path file) throws IOException {
        try (CaptureInput in = CaptureInput.open(file.toString())) {
            byte[] head;
            try {
                head = in.stream().readNBytes(12);
            } catch (IOException e) {
                return false; // gzip whose content cannot be read: not a capture we could replay
            }
            if (head.length < 12) {
                return false;
            }
            ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
            int magic = b.getInt(8);
            return b.getInt(0) == BlockTypes.SHB && (magic == BlockTypes.SHB_MAGIC || magic == BlockTypes.SHB_MAGIC_SWAPPED);
        }
    }

    @Override
    public EventStream open(String params) throws SourceException {
        String path = params == null ? "" : params.trim();
        if (path.isEmpty()) {
            throw new SourceException("no capture file given");
        }
        return ScapEventStream.open(path, this::sourceOf);
    }

    /** The source name of a plugin id, or null. */
    String sourceOf(int pluginId) {
        PluginTable t = table;
        for (int i = 0; i < t.ids.length; i++) {
            if (t.ids[i] == pluginId) {
                return t.names[i];
            }
        }
        return null;
    }

    @Reference(service = EventSource.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(" + EventSource.PLUGIN_ID + "=*)")
    void addPluginSource(Map<String, Object> properties) {
        Long serviceId = (Long) properties.get(Constants.SERVICE_ID);
        Integer id = pluginId(properties.get(EventSource.PLUGIN_ID));
        Object source = properties.get(EventSource.SOURCE);
        if (serviceId == null || id == null || !(source instanceof String name)) {
            return;
        }
        synchronized (registered) {
            registered.put(serviceId, new PluginSource(id, name));
            rebuild();
        }
    }

    void removePluginSource(Map<String, Object> properties) {
        Long serviceId = (Long) properties.get(Constants.SERVICE_ID);
        synchronized (registered) {
            if (registered.remove(serviceId) != null) {
                rebuild();
            }
        }
    }

    private void rebuild() {
        int[] ids = new int[registered.size()];
        String[] names = new String[ids.length];
        int n = 0;
        for (PluginSource p : registered.values()) {
            // the first service registered for an id wins
            if (Arrays.stream(ids, 0, n).noneMatch(x -> x == p.id())) {
                ids[n] = p.id();
                names[n] = p.source();
                n++;
            }
        }
        table = new PluginTable(Arrays.copyOf(ids, n), Arrays.copyOf(names, n));
    }

    private static Integer pluginId(Object value) {
        if (value instanceof Number n) {
            return n.intValue();
        }
        if (value instanceof String s) {
            try {
                return (int) Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private record PluginSource(int id, String source) {
    }

    private record PluginTable(int[] ids, String[] names) {
    }
}
