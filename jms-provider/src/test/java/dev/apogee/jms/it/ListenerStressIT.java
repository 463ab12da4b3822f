package dev.apogee.jms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * MessageListeners under load: several sessions on two connections consume one queue while several
 * producers send concurrently. Every message is processed exactly once, and each listener sees each
 * producer's messages in the order sent (a producer's messages share one RocketMQ queue, popped in order).
 */
@Timeout(180)
class ListenerStressIT {

    private static final int PRODUCERS = 3;
    private static final int PER_PRODUCER = 200;
    private static final int LISTENERS = 4;

    private Connection consuming1;
    private Connection consuming2;
    private Connection producing;

    @BeforeEach
    void connect() throws Exception {
        dev.apogee.jms.ApogeeConnectionFactory factory = JmsCluster.factory();
        // A 2-core machine under this load once took the whole default 3 s to connect a fresh connection
        // (the send timeout includes connecting): give the sends room, this test is about the listeners.
        factory.setSendTimeoutMillis(15_000);
        consuming1 = factory.createConnection();
        consuming2 = factory.createConnection();
        producing = factory.createConnection();
    }

    @AfterEach
    void close() throws Exception {
        consuming1.close();
        consuming2.close();
        producing.close();
    }

    @Test
    void everyMessageIsProcessedOnceAndEachProducersOrderHoldsPerListener() throws Exception {
        Queue queue = new dev.apogee.jms.ApogeeQueue(JmsCluster.unique("stress"));
        int total = PRODUCERS * PER_PRODUCER;
        CountDownLatch all = new CountDownLatch(total);
        Set<String> processed = ConcurrentHashMap.newKeySet();
        List<String> duplicates = Collections.synchronizedList(new ArrayList<>());
        List<String> outOfOrder = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger busyListeners = new AtomicInteger();
        for (int l = 0; l < LISTENERS; l++) {
            Connection connection = l % 2 == 0 ? consuming1 : consuming2;
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Map<Integer, Integer> lastSeen = new HashMap<>(); // per producer; one listener runs on one thread
            Set<String> mine = new HashSet<>();
            session.createConsumer(queue).setMessageListener(message -> {
                try {
                    int producer = message.getIntProperty("producer");
                    int seq = message.getIntProperty("seq");
                    String id = producer + ":" + seq;
                    if (!processed.add(id)) {
                        duplicates.add(id);
                    }
                    Integer last = lastSeen.put(producer, seq);
                    if (last != null && last >= seq) {
                        outOfOrder.add(id + " after " + last);
                    }
                    if (mine.isEmpty()) {
                        busyListeners.incrementAndGet();
                    }
                    mine.add(id);
                    all.countDown();
                } catch (JMSException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        consuming1.start();
        consuming2.start();

        ExecutorService senders = Executors.newFixedThreadPool(PRODUCERS, runnable -> new Thread(runnable,
                "stress-sender"));
        try {
            List<Future<?>> sending = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                int producerId = p;
                sending.add(senders.submit(() -> {
                    Session session = producing.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    MessageProducer producer = session.createProducer(queue);
                    for (int seq = 0; seq < PER_PRODUCER; seq++) {
                        Message message = session.createMessage();
                        message.setIntProperty("producer", producerId);
                        message.setIntProperty("seq", seq);
                        producer.send(message);
                    }
                    session.close();
                    return null;
                }));
            }
            for (Future<?> future : sending) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            senders.shutdownNow();
        }

        assertTrue(all.await(120, TimeUnit.SECONDS), "processed " + processed.size() + " of " + total);
        assertEquals(List.of(), duplicates, "exactly once");
        assertEquals(List.of(), outOfOrder, "each producer's order, per listener");
        assertEquals(total, processed.size());
        assertTrue(busyListeners.get() > 1, "the load was shared, by " + busyListeners.get() + " listeners");
        consuming1.stop();
        consuming2.stop();
        Session check = producing.createSession(false, Session.AUTO_ACKNOWLEDGE);
        producing.start();
        assertNull(check.createConsumer(queue).receive(500), "nothing left or delivered again");
    }
}
