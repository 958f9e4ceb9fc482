package org.lanner.scap.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntFunction;

import org.lanner.api.event.Event;
import org.lanner.api.event.EventBatch;
import org.lanner.api.syscall.table.EventInfo;
import org.lanner.api.syscall.table.EventTable;
import org.lanner.api.syscall.SystemSnapshot;

/**
 * Reads a libscap capture: {@link #readSection()} parses a section header and the header blocks
 * that follow it into a {@link SystemSnapshot}, {@link #fill(EventBatch)} copies the event records
 * that follow into batches, converting old-format records to the current layout. Plain Java, one
 * thread; see scap-file-format.md for the format and docs/captures.md for where it departs from
 * libscap.
 */
final class ScapReader implements AutoCloseable {

    /** {@link #fill} result: a new section starts; call {@link #readSection()}. */
    static final int NEW_SECTION = -2;
    /** {@link #fill} result: the capture has ended. */
    static final int EOF = -1;

    /** Source name of system-call events. */
    static final String SYSCALL = "syscall";

    /** The most a header block may ever declare, whatever the heap. */
    static final int MAX_HEADER_BLOCK = 1 << 30;
    /** The most a large event block (plugin events, container metadata) may ever declare, whatever the heap. */
    static final int MAX_LARGE_EVENT_BLOCK = 64 << 20;
    /**
     * The share of the heap ({@link Runtime#maxMemory()}) that the header blocks of a section, and a
     * large event block, may take in the file: a block is held whole while it is parsed (in a window
     * that grows by doubling), and the snapshot parsed from it takes several times its bytes (an fd
     * entry of 23 bytes becomes objects of about 160), so a length the heap cannot hold is refused
     * with a message rather than ending in an {@link OutOfMemoryError}.
     */
    static final int HEAP_SHARE = 16;

    private static final int V1_HEADER = 22;
    private static final int NOTIFICATION_E = 280;
    private static final int INFRASTRUCTURE_EVENT_E = 286;

    private static final boolean[] LARGE = new boolean[EventTable.EVENT_MAX];
    private static final int[] TABLE_PARAMS = new int[EventTable.EVENT_MAX];

    static {
        for (EventInfo info : EventTable.all()) {
            LARGE[info.id()] = info.largePayload();
            TABLE_PARAMS[info.id()] = info.params().size();
        }
    }

    private final CaptureInput input;
    private final BlockInput in;
    private final IntFunction<String> pluginSources;
    private final int maxHeaderBlock;
    private final int maxLargeEventBlock;
    private boolean started;
    private long eventsRead;
    private long skippedUnknownType;
    private long skippedPluginEvents;
    private final Set<Long> unknownPluginIds = new TreeSet<>();
    private int sectionMajor;
    private int sectionMinor;

    /**
     * @param pluginSources maps a plugin id to the source name its events belong to, or null when
     *     no source is known (those events are skipped and counted)
     */
    ScapReader(CaptureInput input, IntFunction<String> pluginSources) {
        this(input, pluginSources, heapLimit(MAX_HEADER_BLOCK), heapLimit(MAX_LARGE_EVENT_BLOCK));
    }

    /** {@code max}, or {@link #HEAP_SHARE 1/16} of the heap when that is less. */
    static int heapLimit(int max) {
        return (int) Math.min(max, Runtime.getRuntime().maxMemory() / HEAP_SHARE);
    }

    /** Where a limit comes from, for messages: {@code 12582912 bytes (1/16 of the 192 MiB Java heap)}. */
    private static String limitText(int limit, int max) {
        if (limit >= max || limit != Runtime.getRuntime().maxMemory() / HEAP_SHARE) {
            return limit + " bytes";
        }
        return limit + " bytes (1/" + HEAP_SHARE + " of the " + (Runtime.getRuntime().maxMemory() >> 20)
                + " MiB Java heap; a larger heap, e.g. LANNER_JAVA_OPTS=-Xmx2g, raises it)";
    }

    ScapReader(CaptureInput input, IntFunction<String> pluginSources, int maxHeaderBlock, int maxLargeEventBlock) {
        this.input = input;
        this.in = new BlockInput(input.stream(), initialWindow(input));
        this.pluginSources = pluginSources;
        this.maxHeaderBlock = maxHeaderBlock;
        this.maxLargeEventBlock = maxLargeEventBlock;
    }

    /** 1 MiB, or less for a small plain file (the window grows when a block needs it). */
    private static int initialWindow(CaptureInput input) {
        long size = input.size();
        if (size < 0 || input.compressed()) {
            return 1 << 20;
        }
        return (int) Math.max(4096, Math.min(1 << 20, size));
    }

    String name() {
        return input.name();
    }

    /** Events copied into batches so far. */
    long eventsRead() {
        return eventsRead;
    }

    /** Events skipped because their type is beyond the event table (a newer driver's). */
    long skippedUnknownType() {
        return skippedUnknownType;
    }

    /** Plugin events skipped because no source is known for their plugin id. */
    long skippedPluginEvents() {
        return skippedPluginEvents;
    }

    /** The plugin ids whose events were skipped. */
    Set<Long> unknownPluginIds() {
        return unknownPluginIds;
    }

    /** Version of the current section's format, e.g. {@code 1.2}. */
    String sectionVersion() {
        return sectionMajor + "." + sectionMinor;
    }

    /** Offset in the uncompressed capture of the next block. */
    long offset() {
        return in.offset();
    }

    /** Progress through the file in hundredths of a percent, -1 when its size is unknown. */
    int progress() {
        long size = input.size();
        if (size <= 0) {
            return -1;
        }
        long at = input.position(in.offset());
        return (int) Math.min(10000, at * 10000 / size);
    }

    /**
     * Reads a section header block and the header blocks after it, up to the first event block.
     *
     * @throws ScapFormatException when the blocks are not valid, or when no event block follows
     */
    SystemSnapshot readSection() throws IOException {
        long offset = in.offset();
        if (!in.ensure(8)) {
            if (in.available() == 0 && !started) {
                throw new ScapFormatException(offset, ScapFormatException.NO_BLOCK, "empty file, not a capture");
            }
            throw truncatedHeader(offset);
        }
        ByteBuffer b = in.buffer();
        int p = in.position();
        int type = b.getInt(p);
        long length = Integer.toUnsignedLong(b.getInt(p + 4));
        if (type != BlockTypes.SHB) {
            if (!started) {
                throw new ScapFormatException(offset, ScapFormatException.NO_BLOCK, "not a capture file: it starts with block type 0x"
                        + Integer.toHexString(type).toUpperCase(java.util.Locale.ROOT) + " instead of a section header block");
            }
            throw new ScapFormatException(offset, type, "a section must start with a section header block");
        }
        if (length > maxHeaderBlock) {
            throw new ScapFormatException(offset, type, "declares " + length + " bytes, more than the limit of "
                    + limitText(maxHeaderBlock, MAX_HEADER_BLOCK) + " for header blocks");
        }
        if (length < BlockTypes.SHB_LENGTH) {
            throw new ScapFormatException(offset, type, "length " + length + " is not a section header's (" + BlockTypes.SHB_LENGTH + ")");
        }
        if (!in.ensure((int) length)) {
            throw truncated(offset, type, length);
        }
        b = in.buffer();
        p = in.position();
        int magic = b.getInt(p + 8);
        if (magic == BlockTypes.SHB_MAGIC_SWAPPED) {
            throw new ScapFormatException(offset, type, "the capture was written on a big-endian machine, which is not supported");
        }
        if (magic != BlockTypes.SHB_MAGIC) {
            throw new ScapFormatException(offset, type, "invalid byte-order magic 0x" + Integer.toHexString(magic) + ", not a capture file");
        }
        int major = Short.toUnsignedInt(b.getShort(p + 12));
        int minor = Short.toUnsignedInt(b.getShort(p + 14));
        if (major > BlockTypes.MAJOR_VERSION) {
            throw new ScapFormatException(offset, type, "format version " + major + "." + minor
                    + " is newer than this reader understands (" + BlockTypes.MAJOR_VERSION + ".x)");
        }
        // section_length and the trailer are ignored, as libscap does
        in.consume((int) length);
        started = true;
        sectionMajor = major;
        sectionMinor = minor;

        SnapshotBuilder snapshot = new SnapshotBuilder();
        // what the section's header blocks hold in memory, parsed, grows with what they declare
        long headerBytes = 0;
        while (true) {
            offset = in.offset();
            if (!in.ensure(8)) {
                if (in.available() == 0) {
                    throw new ScapFormatException(offset, ScapFormatException.NO_BLOCK, "no events in file");
                }
                throw truncatedHeader(offset);
            }
            b = in.buffer();
            p = in.position();
            type = b.getInt(p);
            length = Integer.toUnsignedLong(b.getInt(p + 4));
            if (BlockTypes.isEvent(type)) {
                return snapshot.build();
            }
            if (length < 12) {
                throw new ScapFormatException(offset, type, "length " + length + " is shorter than the 12 bytes of a block");
            }
            if (isHeaderBlock(type)) {
                if (length > maxHeaderBlock) {
                    throw new ScapFormatException(offset, type, "declares " + length + " bytes, more than the limit of "
                            + limitText(maxHeaderBlock, MAX_HEADER_BLOCK) + " for header blocks");
                }
                headerBytes += length;
                if (headerBytes > maxHeaderBlock) {
                    throw new ScapFormatException(offset, type, "declares " + length + " bytes, which makes the section's header "
                            + "blocks " + headerBytes + " bytes, more than the limit of " + limitText(maxHeaderBlock, MAX_HEADER_BLOCK)
                            + " for them");
                }
                if (!in.ensure((int) length)) {
                    throw truncated(offset, type, length);
                }
                b = in.buffer();
                p = in.position();
                parseHeaderBlock(new BodyReader(b, p + 8, (int) length - 12, offset, type), snapshot, type);
                checkTrailer(b, p, length, offset, type);
                in.consume((int) length);
            } else {
                // unknown (newer) metadata: skipped, its trailer still checked
                in.consume(8);
                if (!in.skip(length - 12) || !in.ensure(4)) {
                    throw truncated(offset, type, length);
                }
                long trailer = Integer.toUnsignedLong(in.buffer().getInt(in.position()));
                if (trailer != length) {
                    throw new ScapFormatException(offset, type, "wrong block total length, header=" + length + ", trailer=" + trailer);
                }
                in.consume(4);
            }
        }
    }

    private static boolean isHeaderBlock(int type) {
        return switch (type) {
            case BlockTypes.MI, BlockTypes.MI_INT, BlockTypes.FDL, BlockTypes.FDL_INT, BlockTypes.FDL_V2, BlockTypes.IL,
                    BlockTypes.IL_INT, BlockTypes.IL_V2, BlockTypes.UL, BlockTypes.UL_INT, BlockTypes.UL_V2 -> true;
            default -> BlockTypes.processListVersion(type) > 0;
        };
    }

    private static void parseHeaderBlock(BodyReader r, SnapshotBuilder snapshot, int type) throws ScapFormatException {
        switch (type) {
            case BlockTypes.MI, BlockTypes.MI_INT -> MetadataParser.machineInfo(r, snapshot);
            case BlockTypes.FDL, BlockTypes.FDL_INT -> MetadataParser.fdList(r, snapshot, false);
            case BlockTypes.FDL_V2 -> MetadataParser.fdList(r, snapshot, true);
            case BlockTypes.IL, BlockTypes.IL_INT -> MetadataParser.interfaceList(r, snapshot, false);
            case BlockTypes.IL_V2 -> MetadataParser.interfaceList(r, snapshot, true);
            case BlockTypes.UL, BlockTypes.UL_INT -> MetadataParser.userList(r, snapshot, false);
            case BlockTypes.UL_V2 -> MetadataParser.userList(r, snapshot, true);
            default -> MetadataParser.processList(r, snapshot, BlockTypes.processListVersion(type));
        }
    }

    private static void checkTrailer(ByteBuffer b, int p, long length, long offset, int type) throws ScapFormatException {
        long trailer = Integer.toUnsignedLong(b.getInt(p + (int) length - 4));
        if (trailer != length) {
            throw new ScapFormatException(offset, type, "wrong block total length, header=" + length + ", trailer=" + trailer);
        }
    }

    /**
     * Copies the next event records into {@code batch} (empty, or holding events of this reader)
     * until it is full, the source changes (plugin events go to batches of their own), the
     * section or the capture ends.
     *
     * @return the number of events added (&gt; 0), {@link #EOF} or {@link #NEW_SECTION}
     * @throws ScapFormatException for a corrupt or truncated block; the events added to the batch
     *     before it stay there
     */
    int fill(EventBatch batch) throws IOException {
        int added = 0;
        String batchSource = batch.isEmpty() ? null : batch.source();
        while (batch.size() < batch.maxEvents()) {
            long offset = in.offset();
            if (!in.ensure(8)) {
                if (in.available() == 0) {
                    return added > 0 ? added : EOF;
                }
                throw truncatedHeader(offset);
            }
            ByteBuffer b = in.buffer();
            int p = in.position();
            int type = b.getInt(p);
            long length = Integer.toUnsignedLong(b.getInt(p + 4));
            if (!BlockTypes.isEvent(type)) {
                if (type == BlockTypes.SHB) {
                    return added > 0 ? added : NEW_SECTION;
                }
                throw new ScapFormatException(offset, type, "unexpected block after the events of a section (only event blocks "
                        + "or a new section header may follow)");
            }
            boolean v2 = BlockTypes.isV2Event(type);
            int prefix = BlockTypes.hasDumpFlags(type) ? 6 : 2;
            int headerLength = v2 ? Event.HEADER_SIZE : V1_HEADER;
            int minimum = 8 + prefix + headerLength + 4;
            if (length < minimum) {
                throw new ScapFormatException(offset, type, "length " + length + " is shorter than the " + minimum
                        + " bytes of an event block");
            }
            if (BlockTypes.isLargeEvent(type)) {
                if (length - 8 > maxLargeEventBlock) {
                    throw new ScapFormatException(offset, type, "declares " + length + " bytes, more than the limit of "
                            + limitText(maxLargeEventBlock, MAX_LARGE_EVENT_BLOCK) + " for large event blocks");
                }
            } else if (length - 8 > BlockTypes.MAX_SMALL_EVENT_BODY) {
                throw new ScapFormatException(offset, type, "length " + length + " exceeds the " + (8 + BlockTypes.MAX_SMALL_EVENT_BODY)
                        + " bytes of a non-large event block");
            }
            int blockLength = (int) length;
            if (!in.ensure(blockLength)) {
                throw truncated(offset, type, length);
            }
            b = in.buffer();
            p = in.position();
            int ev = p + 8 + prefix;
            int available = blockLength - 8 - prefix - 4;
            int eventType = Short.toUnsignedInt(b.getShort(ev + 20));
            if (eventType >= EventTable.EVENT_MAX) {
                // from a newer driver: skipped without an event number, as libscap does
                skippedUnknownType++;
                in.consume(blockLength);
                continue;
            }
            int cpu = Short.toUnsignedInt(b.getShort(p + 8));
            int dumpFlags = prefix == 6 ? b.getInt(p + 10) : 0;
            int flags = 0;
            if ((dumpFlags & BlockTypes.DF_STATE_ONLY) != 0) {
                flags |= EventBatch.FLAG_STATE_ONLY;
            }
            if ((dumpFlags & BlockTypes.DF_TRACER) != 0) {
                flags |= EventBatch.FLAG_TRACER;
            }
            boolean large = LARGE[eventType];
            if (large) {
                flags |= EventBatch.FLAG_LARGE_PARAMS;
            }
            String source = SYSCALL;
            int recordLength;
            if (v2) {
                recordLength = validate(b, ev, available, eventType, large, offset, type);
                if (eventType == Event.PLUGIN_EVENT) {
                    source = pluginSource(b, ev);
                    if (source == null) {
                        skippedPluginEvents++;
                        in.consume(blockLength);
                        continue;
                    }
                }
                if (batchSource != null && !batchSource.equals(source)) {
                    return added;
                }
                if (!batch.fits(recordLength)) {
                    return full(batch, added, recordLength, offset, type);
                }
                batch.add(b, ev, recordLength, cpu, flags);
            } else {
                if (large) {
                    throw new ScapFormatException(offset, type, "event type " + eventType
                            + " has 32-bit parameter lengths, which old-format event blocks cannot hold");
                }
                recordLength = convertedLength(b, ev, available, eventType, offset, type);
                if (batchSource != null && !batchSource.equals(source)) {
                    return added;
                }
                int at = batch.reserve(recordLength);
                if (at < 0) {
                    return full(batch, added, recordLength, offset, type);
                }
                int nparams = v1ParamCount(b, ev, recordLength, eventType, offset, type);
                ByteBuffer dst = batch.buffer();
                dst.put(at, b, ev, 16);
                dst.putInt(at + 16, recordLength);
                dst.putShort(at + 20, (short) eventType);
                dst.putInt(at + 22, nparams);
                dst.put(at + Event.HEADER_SIZE, b, ev + V1_HEADER, recordLength - Event.HEADER_SIZE);
                batch.commit(recordLength, cpu, flags);
            }
            if (batchSource == null) {
                batchSource = source;
                batch.source(source);
            }
            in.consume(blockLength);
            eventsRead++;
            added++;
        }
        return added;
    }

    private int full(EventBatch batch, int added, int recordLength, long offset, int type) throws ScapFormatException {
        if (batch.isEmpty()) {
            throw new ScapFormatException(offset, type, "event of " + recordLength + " bytes does not fit in an empty batch of "
                    + batch.byteCapacity() + " bytes");
        }
        return added;
    }

    /**
     * Checks a current-format record: its length fits the block, its parameter lengths fit its
     * length (as newer libscap does before using an event).
     *
     * @return the record length
     */
    private static int validate(ByteBuffer b, int ev, int available, int eventType, boolean large, long offset, int type)
            throws ScapFormatException {
        long length = Integer.toUnsignedLong(b.getInt(ev + 16));
        if (length < Event.HEADER_SIZE) {
            throw new ScapFormatException(offset, type, "event length " + length + " is shorter than the " + Event.HEADER_SIZE
                    + "-byte event header");
        }
        if (length > available) {
            throw new ScapFormatException(offset, type, "event length " + length + " exceeds the " + available
                    + " bytes the block holds");
        }
        long nparams = Integer.toUnsignedLong(b.getInt(ev + 22));
        int width = large ? 4 : 2;
        long at = Event.HEADER_SIZE + nparams * width;
        if (at > length) {
            throw new ScapFormatException(offset, type, "event type " + eventType + ": " + nparams
                    + " parameters do not fit in event length " + length);
        }
        int lengths = ev + Event.HEADER_SIZE;
        for (int i = 0; i < nparams; i++) {
            long paramLength = large ? Integer.toUnsignedLong(b.getInt(lengths + i * 4)) : Short.toUnsignedInt(b.getShort(lengths + i * 2));
            at += paramLength;
            if (at > length) {
                throw new ScapFormatException(offset, type, "event type " + eventType + ": parameter " + i + " of length "
                        + paramLength + " runs past event length " + length);
            }
        }
        return (int) length;
    }

    /** The length of an old-format record once converted (libscap's length fix-ups included). */
    private static int convertedLength(ByteBuffer b, int ev, int available, int eventType, long offset, int type)
            throws ScapFormatException {
        long length = Integer.toUnsignedLong(b.getInt(ev + 16)) + 4;
        if (eventType == NOTIFICATION_E || eventType == INFRASTRUCTURE_EVENT_E) {
            // old writers stored a length 3 bytes too long for these two
            length -= 3;
        }
        if (length < Event.HEADER_SIZE) {
            throw new ScapFormatException(offset, type, "event length " + (length - 4) + " is shorter than the " + V1_HEADER
                    + "-byte old event header");
        }
        if (length - 4 > available) {
            throw new ScapFormatException(offset, type, "event length " + (length - 4) + " exceeds the " + available
                    + " bytes the block holds");
        }
        return (int) length;
    }

    /**
     * The parameter count of an old-format record, found as libscap does: the largest count, from
     * the table's, whose lengths add up exactly to the record length.
     */
    private static int v1ParamCount(ByteBuffer b, int ev, int convertedLength, int eventType, long offset, int type)
            throws ScapFormatException {
        int lengths = ev + V1_HEADER;
        for (int n = TABLE_PARAMS[eventType]; n >= 0; n--) {
            long at = Event.HEADER_SIZE + 2L * n;
            if (at > convertedLength) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                at += Short.toUnsignedInt(b.getShort(lengths + 2 * i));
            }
            if (at < convertedLength) {
                break;
            }
            if (at == convertedLength) {
                return n;
            }
        }
        throw new ScapFormatException(offset, type, "cannot convert old-format event of type " + eventType
                + ": its parameter lengths do not add up to its length " + (convertedLength - 4));
    }

    /** The source of a plugin event, from its plugin id (parameter 0), or null when unknown. */
    private String pluginSource(ByteBuffer b, int ev) {
        long nparams = Integer.toUnsignedLong(b.getInt(ev + 22));
        long id = -1;
        if (nparams >= 1 && b.getInt(ev + Event.HEADER_SIZE) == 4) {
            id = Integer.toUnsignedLong(b.getInt(ev + Event.HEADER_SIZE + (int) nparams * 4));
        }
        String source = id >= 0 && pluginSources != null ? pluginSources.apply((int) id) : null;
        if (source == null && unknownPluginIds.size() < 64) {
            unknownPluginIds.add(id);
        }
        return source;
    }

    private static ScapFormatException truncated(long offset, int type, long length) {
        return new ScapFormatException(offset, type, "truncated: the block's length is " + length
                + " bytes but the file ends first");
    }

    private ScapFormatException truncatedHeader(long offset) {
        return new ScapFormatException(offset, ScapFormatException.NO_BLOCK, "truncated block header: the file ends after "
                + in.available() + " of its 8 bytes");
    }

    @Override
    public void close() throws IOException {
        input.close();
    }
}
