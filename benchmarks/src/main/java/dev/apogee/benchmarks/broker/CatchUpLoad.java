package dev.apogee.benchmarks.broker;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;

/**
 * Consumer catch-up: a backlog is sent first (async, all acknowledged), then a push consumer of a
 * group that never consumed starts from the first offset and the clock runs from its start until it
 * has received every backlog message. The time includes the consumer's start and first rebalance,
 * as a consumer that comes back after an outage would see it.
 */
final class CatchUpLoad {

    private final Clients clients;
    private final DefaultMQProducer producer;
    private final String topic;
    private final Payloads payloads;
    private final int inFlight;

    CatchUpLoad(Clients clients, DefaultMQProducer producer, String topic, Payloads payloads, int inFlight) {
        this.clients = clients;
        this.producer = producer;
        this.topic = topic;
        this.payloads = payloads;
        this.inFlight = inFlight;
    }

    /**
     * @param drain     the time from the first message received to the last
     * @param clientCpu CPU this (the clients') process used while catching up
     */
    record Result(Throughput backlog, Throughput catchUp, Duration firstMessage, Duration drain, Duration clientCpu,
                  long pulls, Map<Integer, Long> pullAnswers) {

        /** Messages per pull round trip. */
        double messagesPerPull() {
            return pulls == 0 ? Double.NaN : (double) catchUp.ok() / pulls;
        }

        double drainPerSecond() {
            return drain.isZero() ? Double.NaN : catchUp.ok() / (drain.toNanos() / 1e9);
        }

        double clientCpuMillisPerThousand() {
            return catchUp.ok() == 0 ? Double.NaN : clientCpu.toNanos() / 1e6 / (catchUp.ok() / 1000.0);
        }
    }

    Result run(ServerUnderTest server, long count) throws Exception {
        Throughput backlog = new AsyncSendLoad(producer, inFlight).sendAll(server, () -> {
            Message message = payloads.message(topic);
            message.putUserProperty(Payloads.BACKLOG, "1");
            return message;
        }, count, Duration.ofMinutes(5));
        long expected = backlog.ok();
        AtomicLong received = new AtomicLong();
        AtomicLong firstAt = new AtomicLong();
        CountDownLatch all = new CountDownLatch(1);
        AtomicLong allAt = new AtomicLong();
        Duration cpuBefore = server.totalCpuTime();
        Duration clientCpuBefore = PhasedRun.ownCpuTime();
        PullCounter counter = new PullCounter();
        long start = System.nanoTime();
        DefaultMQPushConsumer consumer = clients.pushConsumer("bench-catch-up-" + System.nanoTime(), topic,
                ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET, (messages, context) -> {
                    firstAt.compareAndSet(0, System.nanoTime());
                    for (var message : messages) {
                        if (message.getUserProperty(Payloads.BACKLOG) != null
                                && received.incrementAndGet() == expected) {
                            allAt.set(System.nanoTime());
                            all.countDown();
                        }
                    }
                    return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
                }, counter);
        try {
            // Generous: even 2,000 msg/s finishes 200k messages in 100 s.
            long timeoutSeconds = Math.max(60, expected / 2_000 + 30);
            boolean done = all.await(timeoutSeconds, TimeUnit.SECONDS);
            long end = done ? allAt.get() : System.nanoTime();
            Throughput catchUp = new Throughput(Math.min(received.get(), expected), expected - Math.min(received.get(),
                    expected), Duration.ofNanos(end - start), server.totalCpuTime().minus(cpuBefore),
                    done ? null : "only " + received.get() + " of " + expected + " received in " + timeoutSeconds + " s");
            Duration clientCpu = PhasedRun.ownCpuTime().minus(clientCpuBefore);
            long first = firstAt.get();
            return new Result(backlog, catchUp, Duration.ofNanos(first == 0 ? 0 : first - start),
                    Duration.ofNanos(first == 0 || !done ? 0 : end - first), clientCpu, counter.pulls(),
                    counter.answers());
        } finally {
            consumer.shutdown();
        }
    }
}
