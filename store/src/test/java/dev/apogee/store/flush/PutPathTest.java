package dev.apogee.store.flush;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.remoting.protocol.message.MessageRecordCodec;
import dev.apogee.store.FlushMode;
import dev.apogee.store.PutResult;
import dev.apogee.store.PutStatus;
import dev.apogee.store.commitlog.Appender;
import dev.apogee.store.commitlog.CommitLog;
import dev.apogee.store.commitlog.PutRequest;
import dev.apogee.store.commitlog.QueueOffsets;
import dev.apogee.store.file.VolatileSegmentFactory;
import dev.apogee.store.recovery.CommitLogScanner;
import dev.apogee.store.testing.Drafts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The put path without queues: appender, commit log and flush agent over segments that forget what
 * was never forced, so "durable when acknowledged" can be checked by simulating a power loss.
 */
@Timeout(30)
class PutPathTest {

    /** Never touched on disk: the fake keeps the files in memory. */
    private static final Path DIR = Path.of("fake-store", "commitlog");

    private final VolatileSegmentFactory files = new VolatileSegmentFactory();
    private final AtomicLong flushedReports = new AtomicLong(-1);
    private CommitLog log;
    private Appender appender;
    private FlushAgent agent;

    private void start(FlushMode mode, long intervalMillis, int capacity) throws Exception {
        log = new CommitLog(DIR, 256 * 1024, files);
        log.load();
        log.truncateTo(0);
        agent = new FlushAgent(log, mode, intervalMillis, 5_000, flushedReports::set);
        appender = new Appender(log, new QueueOffsets(), agent, capacity, () -> { }, () -> 42L);
        agent.start();
        appender.start();
    }

    @AfterEach
    void stop() throws Exception {
        // A test that failed while forces were held must not leave the last force of the stop waiting.
        files.releaseForces();
        if (appender != null) {
            appender.stop();
            agent.stop();
        }
    }

    private CompletableFuture<PutResult> put(String topic, int queueId, int bodySize, long seed) {
        CompletableFuture<PutResult> result = new CompletableFuture<>();
        appender.submit(new PutRequest(List.of(Drafts.record(Drafts.draft(topic, queueId,
                Drafts.body(bodySize, seed), null, null))), topic, queueId, true, result));
        return result;
    }

    @Test
    void syncFlushAcknowledgesOnlyWhatSurvivesAPowerLoss() throws Exception {
        start(FlushMode.SYNC_FLUSH, 10_000, 1_000);
        List<CompletableFuture<PutResult>> puts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            puts.add(put("t", i % 4, 500, i));
        }
        long acknowledgedEnd = 0;
        for (CompletableFuture<PutResult> put : puts) {
            PutResult result = put.get(10, TimeUnit.SECONDS);
            assertEquals(PutStatus.PUT_OK, result.status());
            acknowledgedEnd = Math.max(acknowledgedEnd, result.physicalOffset() + result.recordSizes()[0]);
        }
        files.crash();
        CommitLog reopened = new CommitLog(DIR, 256 * 1024, files);
        reopened.load();
        long end = new CommitLogScanner(reopened.segments()).scan(0).end();
        assertTrue(end >= acknowledgedEnd, "every acknowledged record survived: end " + end + " < " + acknowledgedEnd);
    }

    @Test
    void queueOffsetsAreConsecutivePerQueue() throws Exception {
        start(FlushMode.ASYNC_FLUSH, 50, 1_000);
        List<CompletableFuture<PutResult>> puts = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            puts.add(put("t", i % 3, 64, i));
        }
        long[] next = new long[3];
        for (int i = 0; i < puts.size(); i++) {
            PutResult result = puts.get(i).get(10, TimeUnit.SECONDS);
            assertEquals(next[i % 3]++, result.queueOffset());
            assertEquals(42L, result.storeTimestamp());
            assertEquals(result.physicalOffset(),
                    MessageRecordCodec.decode(log.readRecord(result.physicalOffset()), true).physicalOffset());
        }
        assertTrue(flushedReports.get() >= -1);
    }

    @Test
    void aFailedWriteRefusesItsBatchAndTheNextPutsContinueTheLogAndQueuesWithoutAGap() throws Exception {
        start(FlushMode.SYNC_FLUSH, 10_000, 1_000);
        PutResult before = put("t", 0, 100, 1).get(10, TimeUnit.SECONDS);
        assertEquals(PutStatus.PUT_OK, before.status());

        files.failWrites(true);
        List<CompletableFuture<PutResult>> failed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            failed.add(put("t", i % 2, 100, 10 + i));
        }
        for (CompletableFuture<PutResult> put : failed) {
            assertEquals(PutStatus.SERVICE_UNAVAILABLE, put.get(10, TimeUnit.SECONDS).status());
        }
        files.failWrites(false);

        PutResult queue0 = put("t", 0, 100, 20).get(10, TimeUnit.SECONDS);
        PutResult queue1 = put("t", 1, 100, 21).get(10, TimeUnit.SECONDS);
        assertEquals(PutStatus.PUT_OK, queue0.status());
        assertEquals(1, queue0.queueOffset(), "queue 0 goes on after its one stored message");
        assertEquals(0, queue1.queueOffset(), "queue 1 has nothing stored before");
        assertEquals(before.physicalOffset() + before.recordSizes()[0], queue0.physicalOffset(),
                "the log goes on where the refused batch began");
        // The half-written bytes of the refused batch were overwritten: the log reads back whole.
        files.crash();
        CommitLog reopened = new CommitLog(DIR, 256 * 1024, files);
        reopened.load();
        assertEquals(queue1.physicalOffset() + queue1.recordSizes()[0],
                new CommitLogScanner(reopened.segments()).scan(0).end());
    }

    @Test
    void syncFlushAnswersAPutThatDoesNotWaitBeforeTheForceAndTheOthersAfterIt() throws Exception {
        start(FlushMode.SYNC_FLUSH, 10_000, 1_000);
        files.holdForces();
        CompletableFuture<PutResult> waiting = put("t", 0, 100, 1);
        CompletableFuture<PutResult> notWaiting = new CompletableFuture<>();
        appender.submit(new PutRequest(List.of(Drafts.record(Drafts.draft("t", 1, Drafts.body(100, 2), null, null))),
                "t", 1, true, notWaiting, false));
        assertEquals(PutStatus.PUT_OK, notWaiting.get(10, TimeUnit.SECONDS).status(), "answered without a force");
        Thread.sleep(200);
        assertTrue(!waiting.isDone(), "a put that waits is not answered while the force is held");
        files.releaseForces();
        assertEquals(PutStatus.PUT_OK, waiting.get(10, TimeUnit.SECONDS).status());
    }

    @Test
    void aForceWaitsForTheSendersThePreviousForceAnswered() throws Exception {
        log = new CommitLog(DIR, 256 * 1024, files);
        log.load();
        log.truncateTo(0);
        AtomicLong forces = new AtomicLong();
        agent = new FlushAgent(log, FlushMode.SYNC_FLUSH, 10_000, 60_000, offset -> forces.incrementAndGet(),
                Runnable::run, Duration.ofSeconds(5));
        appender = new Appender(log, new QueueOffsets(), agent, 1_000, () -> { }, () -> 42L);
        agent.start();
        appender.start();

        // One put whose force is held; two more arrive meanwhile: two senders take turns with the first.
        files.holdForces();
        CompletableFuture<PutResult> first = put("t", 0, 100, 1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (files.forcesWaiting() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(1, files.forcesWaiting(), "the first put's force is under way");
        CompletableFuture<PutResult> second = put("t", 1, 100, 2);
        CompletableFuture<PutResult> third = put("t", 2, 100, 3);
        Thread.sleep(1_000);
        files.releaseForces();
        assertEquals(PutStatus.PUT_OK, first.get(10, TimeUnit.SECONDS).status());
        // The first sender, answered, sends again: the next force waits for it (up to the previous force's
        // second) instead of covering only the two that came during the first.
        CompletableFuture<PutResult> again = put("t", 0, 100, 4);
        for (CompletableFuture<PutResult> put : List.of(second, third, again)) {
            assertEquals(PutStatus.PUT_OK, put.get(10, TimeUnit.SECONDS).status());
        }
        assertEquals(2, forces.get(), "one force for the first put, one for the three after it");
    }

    @Test
    void fullQueueRefusesWithServiceBusyInsteadOfBlocking() throws Exception {
        // The flush agent completes puts; block it so the appender's queue fills up.
        log = new CommitLog(DIR, 256 * 1024, files);
        log.load();
        log.truncateTo(0);
        CountDownLatch release = new CountDownLatch(1);
        agent = new FlushAgent(log, FlushMode.ASYNC_FLUSH, 10, 5_000, flushedReports::set);
        appender = new Appender(log, new QueueOffsets(), agent, 2, () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, System::currentTimeMillis);
        agent.start();
        appender.start();
        List<CompletableFuture<PutResult>> puts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            puts.add(put("t", 0, 10, i));
        }
        long busy = puts.stream().filter(CompletableFuture::isDone)
                .filter(p -> p.join().status() == PutStatus.SERVICE_BUSY).count();
        release.countDown();
        assertTrue(busy > 0, "some puts were refused as busy");
        for (CompletableFuture<PutResult> put : puts) {
            PutStatus status = put.get(10, TimeUnit.SECONDS).status();
            assertTrue(status == PutStatus.PUT_OK || status == PutStatus.SERVICE_BUSY, status.toString());
        }
    }
}
