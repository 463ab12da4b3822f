package dev.apogee.broker.longpolling;

import dev.apogee.remoting.concurrent.NamedThreadFactory;
import dev.apogee.store.dispatch.DispatchListener;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Pulls that found nothing, held per (topic, queue) until a message arrives in the queue or the poll
 * times out; either way the pull runs again and answers. The store's dispatcher reports arrivals,
 * so a parked consumer gets a new message as soon as it is in the consume queue.
 *
 * <p>Thread-safety: parked lists are guarded by their own monitor; wake-ups are handed to the pull
 * executor, never run on the dispatcher thread.
 */
public final class PullHold implements DispatchListener {

    private static final Logger LOG = LogManager.getLogger(PullHold.class);

    /** A parked pull: the offset it waits beyond, when it gives up, and what to do to answer it. */
    public record Parked(long offset, long deadlineNanos, Runnable rerun) {
    }

    private final Map<String, List<Parked>> parked = new ConcurrentHashMap<>();
    private final Executor pullExecutor;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(new NamedThreadFactory("broker-pull-hold", true));

    public PullHold(Executor pullExecutor) {
        this.pullExecutor = pullExecutor;
        timer.scheduleWithFixedDelay(this::expire, 100, 100, TimeUnit.MILLISECONDS);
    }

    private static String key(String topic, int queueId) {
        return topic + '@' + queueId;
    }

    public void park(String topic, int queueId, Parked pull) {
        List<Parked> list = parked.computeIfAbsent(key(topic, queueId), k -> new ArrayList<>());
        synchronized (list) {
            list.add(pull);
        }
    }

    @Override
    public void onDispatch(String topic, int queueId, long maxOffset, long tagsCode) {
        List<Parked> list = parked.get(key(topic, queueId));
        if (list == null) {
            return;
        }
        List<Parked> woken = new ArrayList<>();
        synchronized (list) {
            for (Iterator<Parked> it = list.iterator(); it.hasNext(); ) {
                Parked pull = it.next();
                if (pull.offset() < maxOffset) {
                    it.remove();
                    woken.add(pull);
                }
            }
        }
        woken.forEach(this::rerun);
    }

    private void expire() {
        long now = System.nanoTime();
        for (List<Parked> list : parked.values()) {
            List<Parked> expired = new ArrayList<>();
            synchronized (list) {
                for (Iterator<Parked> it = list.iterator(); it.hasNext(); ) {
                    Parked pull = it.next();
                    if (now - pull.deadlineNanos() >= 0) {
                        it.remove();
                        expired.add(pull);
                    }
                }
            }
            expired.forEach(this::rerun);
        }
    }

    private void rerun(Parked pull) {
        try {
            pullExecutor.execute(pull.rerun());
        } catch (RejectedExecutionException e) {
            LOG.warn("Pull executor full; answering a held pull on the timer thread");
            pull.rerun().run();
        }
    }

    /** Answers every parked pull now (shutdown) and stops the timer. */
    public void stop() {
        timer.shutdownNow();
        for (List<Parked> list : parked.values()) {
            List<Parked> all;
            synchronized (list) {
                all = new ArrayList<>(list);
                list.clear();
            }
            all.forEach(pull -> pull.rerun().run());
        }
    }
}
