package org.lanner.driver.ebpf.internal;

import org.lanner.api.event.EventBatch;
import org.lanner.api.source.SourceException;

/**
 * A separate JVM that opens a live capture and keeps reading, for the tests that kill it or take
 * its privileges away. Prints {@code READY} once capturing, or {@code ERROR: message} and exits 3.
 */
public final class CaptureChild {

    private CaptureChild() {
    }

    public static void main(String[] args) throws Exception {
        LiveEventStream stream;
        try {
            stream = LiveEventStream.open(DriverSettings.DEFAULTS, new ProcScanner());
        } catch (SourceException e) {
            System.out.println("ERROR: " + e.getMessage());
            System.out.flush();
            System.exit(3);
            return;
        }
        System.out.println("READY");
        System.out.flush();
        EventBatch batch = new EventBatch(4 << 20, 65536);
        while (true) {
            batch.clear();
            stream.nextBatch(batch);
        }
    }
}
