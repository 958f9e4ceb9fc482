package org.lanner.scap.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lanner.scap.internal.CaptureBuilder.cstr;
import static org.lanner.scap.internal.CaptureBuilder.i16;
import static org.lanner.scap.internal.CaptureBuilder.i32;
import static org.lanner.scap.internal.CaptureBuilder.i64;
import static org.lanner.scap.internal.CaptureBuilder.le;
import static org.lanner.scap.internal.CaptureBuilder.record;
import static org.lanner.scap.internal.CaptureBuilder.recordV1;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanner.api.event.EventBatch;
import org.lanner.api.source.EventStream;
import org.lanner.api.source.SourceException;
import org.lanner.api.syscall.table.EventTable;

/** Event blocks of every kind, crafted byte by byte (scap-file-format.md §6–8). */
class EventBlocksTest {

    @TempDir
    Path tmp;

    private static final byte[] CLOSE_E = record(10, 42, 4, i64(3));
    private static final byte[] CLOSE_X = record(11, 42, 5, i64(0));

    private static CaptureBuilder capture() {
        return new CaptureBuilder().shb();
    }

    @Test
    void currentRecordsAreCopiedAsTheyAre() throws Exception {
        byte[] openat = record(1_600_000_000_000_000_001L, 4242, 307, i64(3), i64(-100), cstr("/etc/passwd"), i32(1), i32(0), i32(2051));
        Captures.Read read = Captures.read(capture().event(BlockTypes.EV_V2, 3, 0, openat).bytes(), id -> null);
        Captures.Ev e = read.events().get(0);
        assertThat(e.record()).isEqualTo(openat);
        assertThat(List.of(e.source(), e.cpu(), e.flags(), e.nparams(), e.tid(), e.ts()))
                .containsExactly("syscall", 3, 0, 6, 4242L, 1_600_000_000_000_000_001L);
    }

    @Test
    void dumpFlagsBecomeBatchFlags() throws Exception {
        byte[] c = capture()
                .event(BlockTypes.EVF_V2, 0, BlockTypes.DF_STATE_ONLY, CLOSE_E)
                .event(BlockTypes.EVF_V2, 0, BlockTypes.DF_TRACER, CLOSE_X)
                .event(BlockTypes.EVF_V2, 0, 4 | 8, CLOSE_E) // in-memory "large" bit and unknown bits: ignored
                .event(BlockTypes.EVF_V2_LARGE, 0, 3, CLOSE_X)
                .bytes();
        assertThat(Captures.read(c, id -> null).events()).extracting(Captures.Ev::flags)
                .containsExactly(EventBatch.FLAG_STATE_ONLY, EventBatch.FLAG_TRACER, 0, EventBatch.FLAG_STATE_ONLY | EventBatch.FLAG_TRACER);
    }

    @Test
    void oldRecordsAreConvertedToTheCurrentLayout() throws Exception {
        byte[] c = new CaptureBuilder().shb(1, 0)
                .event(BlockTypes.EV, 1, 0, recordV1(5, 42, 4, 0, i64(7)))
                .event(BlockTypes.EV_INT, 2, 0, recordV1(6, 42, 3, 0, i64(3), cstr("/etc/hosts"), i32(1), i32(0)))
                .event(BlockTypes.EVF, 3, BlockTypes.DF_STATE_ONLY, recordV1(7, 42, 5, 0, i64(0)))
                // open enter of the 3aa driver: no parameters
                .event(BlockTypes.EV, 0, 0, recordV1(8, 42, 2, 0))
                // old writers stored the length of these two 3 bytes too long
                .event(BlockTypes.EV, 0, 0, recordV1(9, 42, 280, 3, cstr("id"), cstr("desc")))
                .event(BlockTypes.EV, 0, 0, recordV1(10, 42, 286, 3, cstr("s"), cstr("n"), cstr("d"), cstr("x")))
                // a generic syscall exit of an old driver: 1 parameter where the table now lists 2
                .event(BlockTypes.EV, 0, 0, recordV1(11, 42, 1, 0, i16(5)))
                .bytes();
        Captures.Read read = Captures.read(c, id -> null);
        assertThat(read.events()).extracting(Captures.Ev::nparams).containsExactly(1, 4, 1, 0, 2, 4, 1);
        assertThat(read.events()).extracting(Captures.Ev::cpu).containsExactly(1, 2, 3, 0, 0, 0, 0);
        assertThat(read.events().get(0).record()).isEqualTo(record(5, 42, 4, i64(7)));
        assertThat(read.events().get(1).record()).isEqualTo(record(6, 42, 3, i64(3), cstr("/etc/hosts"), i32(1), i32(0)));
        assertThat(read.events().get(2).flags()).isEqualTo(EventBatch.FLAG_STATE_ONLY);
        assertThat(read.events().get(3).record()).isEqualTo(record(8, 42, 2));
        assertThat(read.events().get(4).record()).isEqualTo(record(9, 42, 280, cstr("id"), cstr("desc")));
        assertThat(read.events().get(5).record()).isEqualTo(record(10, 42, 286, cstr("s"), cstr("n"), cstr("d"), cstr("x")));
        assertThat(read.events().get(6).name()).isEqualTo(EventTable.syscallName(5));
    }

    @Test
    void anOldRecordWhoseLengthsDoNotAddUpIsAnError() {
        byte[] bad = recordV1(5, 42, 4, 0, i64(7));
        bad[22] = 3; // first parameter length 3 instead of 8
        byte[] c = new CaptureBuilder().shb(1, 0).event(BlockTypes.EV, 0, 0, CLOSE_E_V1()).event(BlockTypes.EV, 0, 0, bad).bytes();
        Captures.Read read = readAll(c);
        assertThat(read.events()).hasSize(1);
        assertThat(read.error()).hasMessage("test.scap: offset 76: event block 0x204: cannot convert old-format event of type 4: "
                + "its parameter lengths do not add up to its length 32");
    }

    private static byte[] CLOSE_E_V1() {
        return recordV1(1, 42, 4, 0, i64(3));
    }

    @Test
    void eventTypesBeyondTheTableAreSkippedWithoutANumber() throws Exception {
        byte[] c = capture().event(CLOSE_E)
                .event(record(11, 42, EventTable.EVENT_MAX, i64(1)))
                .event(record(12, 42, 900, i64(1)))
                .event(record(13, 42, 337, i64(3), i64(-100), i32(0), cstr("/x"), i32(0), i64(9))) // known since libs 0.1x
                .event(CLOSE_X)
                .bytes();
        Captures.Read read = Captures.read(c, id -> null);
        assertThat(read.events()).extracting(Captures.Ev::type).containsExactly(4, 337, 5);
        assertThat(read.events()).extracting(Captures.Ev::number).containsExactly(1L, 2L, 3L);
        assertThat(read.skippedUnknown()).isEqualTo(2);
    }

    @Test
    void largePayloadTypesHaveWideParameterLengthsWhateverTheBlock() throws Exception {
        byte[] json = cstr("{\"container\":{\"id\":\"abc\"}}");
        byte[] big = new byte[70_000];
        Arrays.fill(big, (byte) 'x');
        byte[] c = capture()
                .event(BlockTypes.EV_V2_LARGE, 0, 0, record(1, -1, 324, true, json))
                .event(BlockTypes.EV_V2, 0, 0, record(2, -1, 324, true, json)) // small enough for a normal block
                .event(BlockTypes.EV_V2_LARGE, 0, 0, record(3, -1, 324, true, big))
                .bytes();
        Captures.Read read = Captures.read(c, id -> null);
        assertThat(read.events()).extracting(Captures.Ev::flags).containsOnly(EventBatch.FLAG_LARGE_PARAMS);
        assertThat(read.events().get(2).record()).hasSize(26 + 4 + 70_000);
    }

    @Test
    void pluginEventsGoToBatchesOfTheirSource() throws Exception {
        byte[] c = capture()
                .event(CLOSE_E)
                .event(BlockTypes.EV_V2_LARGE, 0, 0, record(2, -1, 322, true, i32(999), "a".getBytes()))
                .event(BlockTypes.EV_V2_LARGE, 0, 0, record(3, -1, 322, true, i32(999), "b".getBytes()))
                .event(BlockTypes.EV_V2_LARGE, 0, 0, record(4, -1, 322, true, i32(7), "unknown".getBytes()))
                .event(BlockTypes.EV_V2_LARGE, 0, 0, record(5, -1, 322, true, i32(1000), "c".getBytes()))
                .event(CLOSE_X)
                .event(BlockTypes.EV_V2, 0, 0, record(7, -1, 322, true, i32(999), "small block".getBytes()))
                .bytes();
        List<String> batches = new ArrayList<>();
        try (ScapEventStream s = Captures.open(c, id -> id == 999 ? "k8s_audit" : id == 1000 ? "json" : null)) {
            EventBatch batch = new EventBatch(1 << 16, 64);
            while (true) {
                batch.clear();
                int n = s.nextBatch(batch);
                if (n == EventStream.EOF) {
                    break;
                }
                batches.add(batch.source() + "×" + n);
            }
            assertThat(s.skippedPluginEvents()).isEqualTo(1);
            assertThat(s.stats().drops()).isEqualTo(1);
            assertThat(s.stats().events()).isEqualTo(7);
        }
        assertThat(batches).containsExactly("syscall×1", "k8s_audit×2", "json×1", "syscall×1", "k8s_audit×1");
    }

    @Test
    void batchesAreFilledWithoutLosingEventsAtTheirEdges() throws Exception {
        CaptureBuilder b = capture();
        for (int i = 0; i < 1000; i++) {
            b.event(BlockTypes.EV_V2, i % 4, 0, record(i, 42, 7, i64(i), new byte[i % 50]));
        }
        try (ScapEventStream s = Captures.open(b.bytes(), id -> null)) {
            Captures.Read read = Captures.read(s, 1000, 7); // a few records per batch
            assertThat(read.events()).hasSize(1000);
            for (int i = 0; i < 1000; i++) {
                assertThat(read.events().get(i).ts()).isEqualTo(i);
                assertThat(read.events().get(i).cpu()).isEqualTo(i % 4);
            }
        }
    }

    @Test
    void anEventLargerThanAnEmptyBatchIsAnError() throws Exception {
        byte[] c = capture().event(record(1, 42, 9, i64(100), new byte[2000])).bytes();
        Captures.Read read = Captures.read(Captures.open(c, id -> null), 1000, 8);
        assertThat(read.events()).isEmpty();
        assertThat(read.error()).hasMessage("test.scap: offset 28: event block 0x216: event of 2038 bytes does not fit in an empty "
                + "batch of 1000 bytes");
    }

    @Test
    void concatenatedCapturesStartNewSnapshots() throws Exception {
        byte[] first = capture().machineInfo(BlockTypes.MI, 1, 1, 1, "one").event(CLOSE_E).bytes();
        byte[] second = capture().machineInfo(BlockTypes.MI, 2, 2, 2, "two").event(CLOSE_X).event(CLOSE_E).bytes();
        Captures.Read read = Captures.read(le().raw(first).raw(second).toBytes(), id -> null);
        assertThat(read.snapshots()).extracting(s -> s.machine().hostname()).containsExactly("one", "two");
        assertThat(read.events()).extracting(Captures.Ev::type).containsExactly(4, 5, 4);
        assertThat(read.error()).isNull();
    }

    @Test
    void anUnknownBlockAfterTheEventsEndsTheStreamAfterThem() {
        byte[] c = capture().event(CLOSE_E).event(CLOSE_X).block(0x999, new byte[4]).event(CLOSE_E).bytes();
        Captures.Read read = readAll(c);
        assertThat(read.events()).hasSize(2);
        assertThat(read.error()).hasMessage("test.scap: offset 132: block 0x999: unexpected block after the events of a section "
                + "(only event blocks or a new section header may follow)");
    }

    @Test
    void eventTrailersAreNotChecked() throws Exception {
        byte[] c = capture().rawBlock(BlockTypes.EV_V2, 8 + 2 + CLOSE_E.length + 4, le().u16(0).raw(CLOSE_E).toBytes(), 12345).bytes();
        assertThat(Captures.read(c, id -> null).events()).hasSize(1);
    }

    @Test
    void brokenLengthsNameTheFileTheOffsetAndTheBlock() {
        // a non-large block longer than libscap's 64 KiB read buffer
        byte[] big = record(1, 42, 9, i64(70_000), new byte[70_000]);
        assertThat(readAll(capture().event(CLOSE_E).event(big).bytes()).error())
                .hasMessage("test.scap: offset 80: event block 0x216: length 70052 exceeds the 65544 bytes of a non-large event block");
        // block shorter than an event header
        assertThat(readAll(capture().rawBlock(BlockTypes.EV_V2, 20, new byte[8], 20).bytes()).error())
                .hasMessage("test.scap: offset 28: event block 0x216: length 20 is shorter than the 40 bytes of an event block");
        // event length beyond its block
        byte[] longer = CLOSE_E.clone();
        longer[16] = (byte) 200;
        assertThat(readAll(capture().event(longer).bytes()).error())
                .hasMessage("test.scap: offset 28: event block 0x216: event length 200 exceeds the 38 bytes the block holds");
        // parameter lengths beyond the event
        byte[] param = CLOSE_E.clone();
        param[26] = 9;
        assertThat(readAll(capture().event(param).bytes()).error())
                .hasMessage("test.scap: offset 28: event block 0x216: event type 4: parameter 0 of length 9 runs past event length 36");
        byte[] count = CLOSE_E.clone();
        count[24] = 1; // 65537 parameters
        assertThat(readAll(capture().event(count).bytes()).error())
                .hasMessage("test.scap: offset 28: event block 0x216: event type 4: 65537 parameters do not fit in event length 36");
        // truncated in the middle of a block, and of a block header
        byte[] whole = capture().event(CLOSE_E).event(CLOSE_X).bytes();
        assertThat(readAll(Arrays.copyOf(whole, whole.length - 10)).error())
                .hasMessage("test.scap: offset 80: event block 0x216: truncated: the block's length is 52 bytes but the file ends first");
        assertThat(readAll(Arrays.copyOf(whole, 80 + 5)).error())
                .hasMessage("test.scap: offset 80: truncated block header: the file ends after 5 of its 8 bytes");
        // a large block beyond the limit is refused before anything is allocated for it
        byte[] huge = capture().raw(le().u32(BlockTypes.EV_V2_LARGE).u32(0xFFFFFFF0L).u16(0).toBytes()).bytes();
        assertThat(readAll(huge).error().getMessage()).startsWith("test.scap: offset 28: event block 0x221: declares 4294967280 bytes, "
                + "more than the limit of " + ScapReader.heapLimit(ScapReader.MAX_LARGE_EVENT_BLOCK) + " bytes").endsWith(" for large event blocks");
    }

    @Test
    void headerBlockLengthsAreBoundedAndTruncationReported() {
        byte[] lying = capture().raw(le().u32(BlockTypes.PL_V9).u32(0x10000000).u32(0).toBytes()).bytes();
        assertThatThrownBy(() -> Captures.read(lying, id -> null))
                .hasMessage("test.scap: offset 28: process list block 0x215: truncated: the block's length is 268435456 bytes but the "
                        + "file ends first");
        byte[] beyond = capture().raw(le().u32(BlockTypes.PL_V9).u32(0xFFFF0000L).u32(0).toBytes()).bytes();
        assertThatThrownBy(() -> Captures.read(beyond, id -> null))
                .hasMessageStartingWith("test.scap: offset 28: process list block 0x215: declares 4294901760 bytes, more than the limit of "
                        + ScapReader.heapLimit(ScapReader.MAX_HEADER_BLOCK) + " bytes").hasMessageEndingWith(" for header blocks");
        byte[] unknown = capture().raw(le().u32(0x999).u32(0xFFFF0000L).u32(0).toBytes()).bytes();
        assertThatThrownBy(() -> Captures.read(unknown, id -> null))
                .hasMessage("test.scap: offset 28: block 0x999: truncated: the block's length is 4294901760 bytes but the file ends first");
    }

    @Test
    void theHeaderBlocksOfASectionShareOneLimit() throws Exception {
        // each of these fits the limit, the two together do not: a file cannot pile up blocks the heap cannot hold
        byte[] two = capture().machineInfo(BlockTypes.MI, 2, 1L << 30, 32768, "a").machineInfo(BlockTypes.MI, 2, 1L << 30, 32768, "b")
                .event(CLOSE_E).bytes();
        long mi = 12 + 4 + 8 + 8 + 128 + 32;
        CaptureInput input = CaptureInput.of("test.scap", new java.io.ByteArrayInputStream(two), two.length);
        try (ScapReader reader = new ScapReader(input, id -> null, (int) (mi + mi / 2), 1 << 20)) {
            assertThatThrownBy(reader::readSection).isInstanceOf(ScapFormatException.class)
                    .hasMessage("capture: offset " + (28 + mi) + ": machine info block 0x201: declares " + mi + " bytes, which makes the "
                            + "section's header blocks " + 2 * mi + " bytes, more than the limit of " + (mi + mi / 2) + " bytes for them");
        }
    }

    @Test
    void gzipWithSeveralMembersAndTrailingGarbage() throws Exception {
        byte[] plain = capture().machineInfo(BlockTypes.MI, 1, 1, 1, "h").event(CLOSE_E).event(CLOSE_X).event(CLOSE_E).bytes();
        for (int cut : new int[] {1, 28, 100, 229, plain.length - 1}) {
            byte[] a = CaptureBuilder.gzip(Arrays.copyOfRange(plain, 0, cut));
            byte[] b = CaptureBuilder.gzip(Arrays.copyOfRange(plain, cut, plain.length));
            byte[] twoMembers = le().raw(a).raw(b).raw("garbage after the stream".getBytes()).toBytes();
            Captures.Read read = Captures.read(twoMembers, id -> null);
            assertThat(read.events()).as("cut at %d", cut).extracting(Captures.Ev::type).containsExactly(4, 5, 4);
            assertThat(read.error()).isNull();
        }
    }

    @Test
    void damagedGzipIsReportedAfterTheEventsBeforeIt() {
        CaptureBuilder b = capture();
        for (int i = 0; i < 20_000; i++) {
            b.event(record(i, 42, 7, i64(i), ("payload " + i).getBytes()));
        }
        byte[] gz = CaptureBuilder.gzip(b.bytes());
        Captures.Read truncated = readAll(Arrays.copyOf(gz, gz.length * 2 / 3));
        assertThat(truncated.events()).isNotEmpty().hasSizeLessThan(20_000);
        assertThat(truncated.error()).hasMessageContaining("test.scap: offset ").hasMessageContaining("unexpected end of the gzip stream");
        byte[] crc = gz.clone();
        crc[crc.length - 6] ^= 1;
        Captures.Read badCrc = readAll(crc);
        assertThat(badCrc.error()).hasMessageContaining("CRC mismatch");
    }

    @Test
    void standardInput() throws Exception {
        byte[] gz = CaptureBuilder.gzip(capture().event(CLOSE_E).event(CLOSE_X).bytes());
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(gz));
            Captures.Read read = Captures.read("-", id -> null);
            assertThat(read.events()).hasSize(2);
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void filesThatCannotBeOpened() {
        assertThatThrownBy(() -> ScapEventStream.open(tmp.resolve("missing.scap").toString(), id -> null))
                .isInstanceOf(SourceException.class).hasMessage("cannot open capture " + tmp.resolve("missing.scap") + ": no such file");
        assertThatThrownBy(() -> ScapEventStream.open(tmp.toString(), id -> null))
                .hasMessage("cannot open capture " + tmp + ": is a directory, not a capture file");
    }

    @Test
    void closingEndsTheStream() throws Exception {
        try (ScapEventStream s = Captures.open(capture().event(CLOSE_E).event(CLOSE_X).bytes(), id -> null)) {
            s.close();
            assertThat(s.nextBatch(new EventBatch(4096, 8))).isEqualTo(EventStream.EOF);
        }
    }

    /** Reads a capture whose header is fine but whose events may not be. */
    private static Captures.Read readAll(byte[] capture) {
        try {
            return Captures.read(capture, id -> null);
        } catch (SourceException e) {
            throw new AssertionError("the header should read", e);
        }
    }
}
