package dev.apogee.interop.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.interop.fixture.EmbeddedCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** 5.x timer messages (delivery time, delay in seconds or milliseconds) with the official 5.5.0 client. */
@Timeout(120)
class BrokerTimerInteropIT {

    @TempDir
    Path dataDir;

    private EmbeddedCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private Map<String, Long> consume(String group, String topic, Map<String, AtomicInteger> counts) throws Exception {
        Map<String, Long> arrivals = new ConcurrentHashMap<>();
        cluster.pushConsumer(group, topic, "*", (MessageListenerConcurrently) (messages, context) -> {
            for (MessageExt message : messages) {
                String body = new String(message.getBody(), StandardCharsets.UTF_8);
                arrivals.putIfAbsent(body, System.currentTimeMillis());
                counts.computeIfAbsent(body, b -> new AtomicInteger()).incrementAndGet();
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        return arrivals;
    }

    @Test
    void timerMessagesArriveAtTheirTimeInDueOrderNotSendOrder() throws Exception {
        cluster = EmbeddedCluster.start(dataDir);
        DefaultMQProducer producer = cluster.producer("interop-timer-producer");
        producer.send(new Message("Reminders", "now".getBytes(StandardCharsets.UTF_8)), 10_000);
        Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
        Map<String, Long> arrivals = consume("interop-timer", "Reminders", counts);
        EmbeddedCluster.await(() -> arrivals.containsKey("now"), 30_000, "consumer running");

        long sentAt = System.currentTimeMillis();
        Message at = new Message("Reminders", "at+4000".getBytes(StandardCharsets.UTF_8));
        at.setDeliverTimeMs(sentAt + 4_000);
        producer.send(at, 10_000);
        Message seconds = new Message("Reminders", "sec+2".getBytes(StandardCharsets.UTF_8));
        seconds.setDelayTimeSec(2);
        producer.send(seconds, 10_000);
        Message millis = new Message("Reminders", "ms+1000".getBytes(StandardCharsets.UTF_8));
        millis.setDelayTimeMs(1_000);
        producer.send(millis, 10_000);
        Message past = new Message("Reminders", "past".getBytes(StandardCharsets.UTF_8));
        past.setDeliverTimeMs(sentAt - 60_000);
        producer.send(past, 10_000);

        EmbeddedCluster.await(() -> arrivals.keySet().containsAll(java.util.Set.of("at+4000", "sec+2", "ms+1000",
                "past")), 30_000, "all timer messages arrived: " + arrivals.keySet());
        assertTrue(arrivals.get("past") - sentAt < 1_000, "a time in the past means now");
        assertWithin(arrivals.get("ms+1000") - sentAt, 1_000);
        assertWithin(arrivals.get("sec+2") - sentAt, 2_000);
        assertWithin(arrivals.get("at+4000") - sentAt, 4_000);
        assertTrue(arrivals.get("ms+1000") < arrivals.get("sec+2") && arrivals.get("sec+2") < arrivals.get("at+4000"),
                "due order");
        counts.forEach((body, count) -> assertEquals(1, count.get(), body + " delivered once"));
    }

    /** On time: not early (beyond clock granularity), and late by less than 1.5 s on a busy machine. */
    private static void assertWithin(long waited, long due) {
        assertTrue(waited >= due - 50 && waited < due + 1_500, "due after " + due + " ms, came after " + waited);
    }

    @Test
    void aDelayBeyondTheMaximumIsRefused() throws Exception {
        cluster = EmbeddedCluster.start(dataDir);
        DefaultMQProducer producer = cluster.producer("interop-timer-limit");
        Message tooFar = new Message("Reminders", "next-week".getBytes(StandardCharsets.UTF_8));
        tooFar.setDelayTimeSec(7 * 24 * 3600);
        MQBrokerException refused = org.junit.jupiter.api.Assertions.assertThrows(MQBrokerException.class,
                () -> producer.send(tooFar, 10_000));
        assertEquals(13, refused.getResponseCode(), "MESSAGE_ILLEGAL: " + refused.getErrorMessage());
    }

    @Test
    void timerMessagesWaitingAcrossARestartArriveOnTimeAndOnce() throws Exception {
        cluster = EmbeddedCluster.start(dataDir);
        DefaultMQProducer producer = cluster.producer("interop-timer-restart");
        long sentAt = System.currentTimeMillis();
        for (int i = 0; i < 20; i++) {
            Message message = new Message("Alarms", ("alarm-" + i).getBytes(StandardCharsets.UTF_8));
            // Half come due before the restart, half after it.
            message.setDeliverTimeMs(sentAt + (i % 2 == 0 ? 500 : 6_000));
            producer.send(message, 10_000);
        }
        Thread.sleep(1_500);
        cluster.restartBroker();
        Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
        Map<String, Long> arrivals = consume("interop-timer-restart", "Alarms", counts);
        EmbeddedCluster.await(() -> arrivals.size() == 20, 40_000, "every alarm arrived: " + arrivals.keySet());
        Thread.sleep(1_000);
        for (int i = 1; i < 20; i += 2) {
            assertTrue(arrivals.get("alarm-" + i) - sentAt >= 5_950, "alarm-" + i + " came early");
        }
        counts.forEach((body, count) -> assertEquals(1, count.get(), body + " delivered once, restart or not"));
    }

    @Test
    void aDelayLevelMessageWaitingAcrossARestartArrivesOnTimeAndOnce() throws Exception {
        cluster = EmbeddedCluster.start(dataDir);
        DefaultMQProducer producer = cluster.producer("interop-level-restart");
        long sentAt = System.currentTimeMillis();
        Message early = new Message("Levels", "level-1".getBytes(StandardCharsets.UTF_8));
        early.setDelayTimeLevel(1);   // 1 s: due before the restart
        producer.send(early, 10_000);
        Message late = new Message("Levels", "level-3".getBytes(StandardCharsets.UTF_8));
        late.setDelayTimeLevel(3);    // 10 s: due after it
        producer.send(late, 10_000);
        Thread.sleep(2_500);
        cluster.restartBroker();
        Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
        Map<String, Long> arrivals = consume("interop-level-restart", "Levels", counts);
        EmbeddedCluster.await(() -> arrivals.size() == 2, 40_000, "both delayed messages arrived: " + arrivals.keySet());
        Thread.sleep(1_000);
        assertTrue(arrivals.get("level-3") - sentAt >= 9_950, "level 3 came early");
        counts.forEach((body, count) -> assertEquals(1, count.get(), body + " delivered once, restart or not"));
    }
}
