package dev.apogee.client.testing;

import dev.apogee.remoting.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;

/** Reads a topic from its beginning with the official 5.5.0 lite pull consumer: the judge of what we sent. */
public final class OfficialReader {

    private OfficialReader() {
    }

    /** Every message of {@code topic} until {@code expected} were read (fails after 20 s), in queue order per queue. */
    public static List<MessageExt> read(String namesrv, String topic, int expected) throws Exception {
        return read(namesrv, topic, read -> read.size() >= expected, Duration.ZERO);
    }

    /**
     * The messages of {@code topic} from its beginning, read until {@code enough} holds (or 20 s passed) and
     * then for {@code settle} more, so that messages which should not be there have the time to show up.
     */
    public static List<MessageExt> read(String namesrv, String topic, Predicate<List<MessageExt>> enough,
            Duration settle) throws Exception {
        DefaultLitePullConsumer consumer = new DefaultLitePullConsumer("reader-" + System.nanoTime());
        consumer.setNamesrvAddr(namesrv);
        consumer.setInstanceName("reader-" + System.nanoTime());
        consumer.setAutoCommit(false);
        consumer.start();
        try {
            AtomicReference<Collection<MessageQueue>> queues = new AtomicReference<>();
            Await.until("the route of " + topic, Duration.ofSeconds(20), () -> {
                try {
                    queues.set(consumer.fetchMessageQueues(topic));
                    return !queues.get().isEmpty();
                } catch (Exception e) {
                    return false;
                }
            });
            consumer.assign(queues.get());
            for (MessageQueue queue : queues.get()) {
                // A broker may not answer the first offset lookup of a queue it created a moment ago.
                Await.until("the first offset of " + queue, Duration.ofSeconds(20), () -> {
                    try {
                        consumer.seekToBegin(queue);
                        return true;
                    } catch (Exception e) {
                        return false;
                    }
                });
            }
            List<MessageExt> read = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!enough.test(read) && System.nanoTime() < deadline) {
                read.addAll(consumer.poll(200));
            }
            long settled = System.nanoTime() + settle.toNanos();
            while (System.nanoTime() < settled) {
                read.addAll(consumer.poll(200));
            }
            return read;
        } finally {
            consumer.shutdown();
        }
    }
}
