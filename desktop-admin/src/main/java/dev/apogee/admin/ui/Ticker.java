package dev.apogee.admin.ui;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.concurrent.ScheduledService;
import javafx.concurrent.Task;

/**
 * A JavaFX {@link ScheduledService} that calls {@code onTick} on the JavaFX thread every period. Its
 * task does nothing but mark the time: the work itself is a view model's {@code refresh()}, which runs
 * the network call through the task runner and skips a tick while the previous one is under way.
 *
 * <p>The empty tasks run on one daemon thread, {@code apogee-admin-schedule}, shared by every ticker,
 * instead of the thread per run that a {@code Service} makes by default.
 */
public final class Ticker {

    private static final ExecutorService TICKS = Executors.newSingleThreadExecutor(work -> {
        Thread thread = new Thread(work, "apogee-admin-schedule");
        thread.setDaemon(true);
        return thread;
    });

    private final ScheduledService<Void> service = new ScheduledService<>() {
        @Override
        protected Task<Void> createTask() {
            return new Task<>() {
                @Override
                protected Void call() {
                    return null;
                }
            };
        }
    };

    public Ticker(Duration period, Runnable onTick) {
        service.setExecutor(TICKS);
        service.setPeriod(fx(period));
        service.setOnSucceeded(event -> onTick.run());
    }

    private static javafx.util.Duration fx(Duration period) {
        return javafx.util.Duration.millis(period.toMillis());
    }

    /** Starts ticking (the first tick at once), or starts over when running. */
    public void start() {
        service.restart();
    }

    /** Stops ticking. */
    public void stop() {
        service.cancel();
    }

    /** Ticks every {@code period} from now on (at once if running). */
    public void setPeriod(Duration period) {
        service.setPeriod(fx(period));
        if (isRunning()) {
            service.restart();
        }
    }

    /** Whether it ticks. */
    public boolean isRunning() {
        return service.isRunning() || service.getState() == javafx.concurrent.Worker.State.SCHEDULED;
    }
}
