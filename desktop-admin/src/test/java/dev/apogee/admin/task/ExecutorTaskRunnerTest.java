package dev.apogee.admin.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class ExecutorTaskRunnerTest {

    private final ErrorLog errors = new ErrorLog();

    @Test
    void synchronousRunnerDeliversBeforeSubmitReturns() {
        List<String> delivered = new ArrayList<>();
        TaskHandle handle = new SynchronousTaskRunner(errors).submit("Add", progress -> "done", delivered::add);
        assertEquals(List.of("done"), delivered);
        assertEquals(TaskState.SUCCEEDED, handle.state());
        assertTrue(errors.reports().isEmpty());
    }

    @Test
    void aFailureWithoutAHandlerReachesTheErrorSinkWithTitleAndReason() {
        SynchronousTaskRunner runner = new SynchronousTaskRunner(errors);
        TaskHandle handle = runner.submit("Load topics", progress -> {
            throw new IllegalStateException("broker 10.0.0.1:10911 did not answer");
        }, result -> { });
        assertEquals(TaskState.FAILED, handle.state());
        assertEquals(1, errors.reports().size());
        ErrorReport report = errors.latestProperty().get();
        assertEquals("Load topics", report.title());
        assertEquals("broker 10.0.0.1:10911 did not answer", report.message());
        assertTrue(report.details().contains("IllegalStateException"));
        assertEquals(0, runner.runningProperty().get());
    }

    @Test
    void aFailureWithAHandlerGoesThereInstead() {
        AtomicReference<Throwable> handled = new AtomicReference<>();
        new SynchronousTaskRunner(errors).submit("Test", progress -> {
            throw new java.io.IOException("refused");
        }, result -> { }, handled::set);
        assertEquals("refused", handled.get().getMessage());
        assertTrue(errors.reports().isEmpty());
    }

    @Test
    void aThrowingSuccessCallbackIsReportedNotSwallowed() {
        TaskHandle handle = new SynchronousTaskRunner(errors).submit("Show", progress -> 1, result -> {
            throw new IllegalArgumentException("view model bug");
        });
        assertEquals(TaskState.FAILED, handle.state());
        assertEquals("view model bug", errors.latestProperty().get().message());
    }

    @Test
    void pooledRunnerWorksOnNamedThreadsAndDeliversOnTheUiExecutorWithProgress() throws Exception {
        ConcurrentLinkedQueue<Runnable> uiQueue = new ConcurrentLinkedQueue<>();
        ExecutorTaskRunner runner = ExecutorTaskRunner.pooled(2, 4, uiQueue::add, errors);
        try {
            AtomicReference<String> worker = new AtomicReference<>();
            List<String> delivered = new ArrayList<>();
            TaskHandle handle = runner.submit("Work", progress -> {
                worker.set(Thread.currentThread().getName());
                progress.update(0.5, "half way");
                return "result";
            }, delivered::add);
            assertEquals(1, runner.runningProperty().get());
            waitFor(() -> handle.state() == TaskState.SUCCEEDED, uiQueue);
            assertEquals(List.of("result"), delivered);
            assertTrue(worker.get().startsWith("apogee-admin-task-"), worker.get());
            assertEquals(0.5, handle.progressProperty().get());
            assertEquals("half way", handle.messageProperty().get());
            assertEquals(0, runner.runningProperty().get());
        } finally {
            runner.close();
        }
    }

    @Test
    void cancellingInterruptsTheWorkAndDeliversNothing() throws Exception {
        ConcurrentLinkedQueue<Runnable> uiQueue = new ConcurrentLinkedQueue<>();
        ExecutorTaskRunner runner = ExecutorTaskRunner.pooled(1, 4, uiQueue::add, errors);
        try {
            CountDownLatch started = new CountDownLatch(1);
            List<Object> delivered = new ArrayList<>();
            TaskHandle handle = runner.submit("Slow", progress -> {
                started.countDown();
                Thread.sleep(30_000);
                return "late";
            }, delivered::add);
            assertTrue(started.await(5, TimeUnit.SECONDS));
            handle.cancel();
            waitFor(() -> handle.state() == TaskState.CANCELLED, uiQueue);
            assertTrue(delivered.isEmpty());
            assertTrue(errors.reports().isEmpty(), "a cancellation is not an error: " + errors.reports());
            assertEquals(0, runner.runningProperty().get());
        } finally {
            runner.close();
        }
    }

    @Test
    void aFullQueueIsRefusedAndReported() throws Exception {
        ConcurrentLinkedQueue<Runnable> uiQueue = new ConcurrentLinkedQueue<>();
        ExecutorTaskRunner runner = ExecutorTaskRunner.pooled(1, 1, uiQueue::add, errors);
        CountDownLatch release = new CountDownLatch(1);
        try {
            runner.submit("Blocker", progress -> release.await(10, TimeUnit.SECONDS), result -> { });
            runner.submit("Queued", progress -> 1, result -> { });
            TaskHandle refused = runner.submit("Refused", progress -> 2, result -> { });
            assertEquals(TaskState.FAILED, refused.state());
            assertTrue(errors.latestProperty().get().message().contains("too many background tasks"));
        } finally {
            release.countDown();
            runner.close();
        }
        assertFalse(errors.reports().isEmpty());
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, ConcurrentLinkedQueue<Runnable> uiQueue)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            Runnable next = uiQueue.poll();
            if (next != null) {
                next.run();
            } else if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            } else {
                Thread.sleep(5);
            }
        }
    }
}
