package dev.apogee.store.commitlog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.apogee.remoting.protocol.message.MessageRecordCodec;
import dev.apogee.remoting.protocol.message.MessageRecordLayout;
import dev.apogee.remoting.protocol.message.StoredMessage;
import dev.apogee.store.file.MappedSegmentFactory;
import dev.apogee.store.testing.Drafts;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class CommitLogTest {

    private static final int SEGMENT = 64 * 1024;

    @TempDir
    Path dir;

    private CommitLog open() throws Exception {
        CommitLog log = new CommitLog(dir, SEGMENT, MappedSegmentFactory.INSTANCE);
        log.load();
        log.truncateTo(0);
        return log;
    }

    @Test
    void appendedRecordsReadBackWithAssignedFields() throws Exception {
        CommitLog log = open();
        byte[] first = Drafts.record(Drafts.draft("t", 1, "one"));
        byte[] second = Drafts.record(Drafts.draft("t", 1, "two"));
        long offset = log.append(List.of(first, second), 7, 1234L);
        assertNull(log.read(offset, first.length), "not visible before publish");
        log.publish();

        StoredMessage one = MessageRecordCodec.decode(log.readRecord(offset), true);
        StoredMessage two = MessageRecordCodec.decode(log.readRecord(offset + first.length), true);
        assertEquals(0, one.physicalOffset());
        assertEquals(7, one.queueOffset());
        assertEquals(8, two.queueOffset());
        assertEquals(first.length, two.physicalOffset());
        assertEquals(1234L, two.storeTimestamp());
        assertArrayEquals("two".getBytes(), two.body());
        assertEquals(first.length + second.length, log.committedOffset());
    }

    @Test
    void recordThatDoesNotFitRollsToANewSegmentAfterABlank() throws Exception {
        CommitLog log = open();
        List<Long> offsets = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            byte[] record = Drafts.record(Drafts.draft("t", 0, Drafts.body(3000, i), null, null));
            sizes.add(record.length);
            offsets.add(log.append(List.of(record), i, 1L));
        }
        log.publish();
        assertEquals(2, log.segments().segments().size());
        int firstInSecond = offsets.indexOf((long) SEGMENT);
        assertEquals(true, firstInSecond > 0, "some record starts the second segment exactly");
        long blankAt = offsets.get(firstInSecond - 1) + sizes.get(firstInSecond - 1);
        ByteBuffer blank = log.read(blankAt, 8);
        assertEquals(MessageRecordLayout.BLANK_MAGIC, blank.getInt(4));
        assertEquals(SEGMENT - blankAt, blank.getInt(0));
        assertEquals(true, SEGMENT - blankAt < sizes.get(firstInSecond) + 8, "the blank is smaller than the record");
        for (int i = 0; i < offsets.size(); i++) {
            StoredMessage message = MessageRecordCodec.decode(log.readRecord(offsets.get(i)), true);
            assertArrayEquals(Drafts.body(3000, i), message.body());
            assertEquals(offsets.get(i), message.physicalOffset());
        }
    }

    @Test
    void truncateZeroesTheTailAndDropsLaterSegments() throws Exception {
        CommitLog log = open();
        long keep = 0;
        for (int i = 0; i < 40; i++) {
            long at = log.append(List.of(Drafts.record(Drafts.draft("t", 0, Drafts.body(3000, i), null, null))), i, 1L);
            if (i == 5) {
                keep = at;
            }
        }
        log.publish();
        log.truncateTo(keep);
        assertEquals(1, log.segments().segments().size());
        assertEquals(keep, log.committedOffset());
        assertNull(log.readRecord(keep));
        CommitLog reopened = new CommitLog(dir, SEGMENT, MappedSegmentFactory.INSTANCE);
        reopened.load();
        assertEquals(0, reopened.segments().segments().get(0).read((int) keep, 8).getInt(4), "tail is zero on disk");
    }

    @Test
    void readsOutsideTheLogAreNull() throws Exception {
        CommitLog log = open();
        assertNull(log.read(0, 10));
        log.append(List.of(Drafts.record(Drafts.draft("t", 0, "x"))), 0, 1L);
        log.publish();
        assertNotNull(log.readRecord(0));
        assertNull(log.read(-1, 4));
        assertNull(log.read(log.committedOffset(), 1));
        assertEquals(-1, log.storeTimestampAt(log.committedOffset()));
    }

    @Test
    void oversizedAppendIsRefused() throws Exception {
        CommitLog log = open();
        byte[] huge = Drafts.record(Drafts.draft("t", 0, new byte[SEGMENT], null, null));
        assertThrows(IllegalArgumentException.class, () -> log.append(List.of(huge), 0, 1L));
        assertEquals(0, log.committedOffset());
    }
}
