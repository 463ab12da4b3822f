package dev.apogee.store.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.remoting.protocol.message.MessageRecordLayout;
import dev.apogee.store.commitlog.CommitLog;
import dev.apogee.store.file.MappedSegmentFactory;
import dev.apogee.store.testing.Drafts;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class CommitLogScannerTest {

    private static final int SEGMENT = 64 * 1024;

    @TempDir
    Path dir;

    private CommitLog log;
    private final List<Long> offsets = new ArrayList<>();

    @BeforeEach
    void fill() throws Exception {
        log = new CommitLog(dir, SEGMENT, MappedSegmentFactory.INSTANCE);
        log.load();
        log.truncateTo(0);
        for (int i = 0; i < 50; i++) {
            offsets.add(log.append(List.of(Drafts.record(Drafts.draft("t", 0, Drafts.body(2500, i), null, null))), i, 5L));
        }
        log.publish();
    }

    private CommitLogScanner.ScanResult scan() {
        return new CommitLogScanner(log.segments()).scan(0);
    }

    @Test
    void intactLogScansToItsEndAcrossSegments() {
        CommitLogScanner.ScanResult result = scan();
        assertEquals(log.committedOffset(), result.end());
        assertEquals(50, result.recordsChecked());
        assertTrue(log.segments().segments().size() > 1);
    }

    @Test
    void recordWithoutMagicEndsTheLog() {
        long torn = offsets.get(30);
        ByteBuffer window = log.segments().segmentFor(torn).window((int) (torn % SEGMENT), 8);
        window.putInt(MessageRecordLayout.MAGIC_OFFSET, 0);
        assertEquals(torn, scan().end());
    }

    @Test
    void garbledBodyFailsItsCrcAndEndsTheLog() {
        long garbled = offsets.get(49);
        ByteBuffer window = log.segments().segmentFor(garbled).window((int) (garbled % SEGMENT), 200);
        window.put(150, (byte) (window.get(150) ^ 0xFF));
        CommitLogScanner.ScanResult result = scan();
        assertEquals(garbled, result.end());
        assertTrue(result.stopReason().contains("CRC"), result.stopReason());
    }

    @Test
    void sizeClaimingMoreThanTheSegmentHoldsEndsTheLog() {
        long bad = offsets.get(10);
        log.segments().segmentFor(bad).window((int) (bad % SEGMENT), 8).putInt(0, SEGMENT * 2);
        assertEquals(bad, scan().end());
    }
}
