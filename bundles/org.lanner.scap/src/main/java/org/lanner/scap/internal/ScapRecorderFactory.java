package org.lanner.scap.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.lanner.api.source.EventRecorder;
import org.lanner.api.source.EventRecorderFactory;
import org.osgi.service.component.annotations.Component;

/** Creates recorders writing libscap capture files ({@code lanner -w FILE}). */
@Component(service = EventRecorderFactory.class, property = EventRecorderFactory.FORMAT + "=" + ScapRecorderFactory.FORMAT)
public final class ScapRecorderFactory implements EventRecorderFactory {

    /** The value of {@link EventRecorderFactory#FORMAT} this factory registers with. */
    public static final String FORMAT = "scap";

    @Override
    public EventRecorder create(Path file, boolean compress) throws IOException {
        return ScapRecorder.create(file, compress);
    }
}
