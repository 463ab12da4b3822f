package dev.apogee.jms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.jms.ApogeeConnectionFactory;
import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Point-to-point (Jakarta Messaging 4.4, 6.2, 8) against our broker. */
@Timeout(60)
class PointToPointIT {

    private Connection connection;
    private Session session;
    private Queue queue;

    @BeforeEach
    void connect() throws Exception {
        connection = JmsCluster.factory().createConnection();
        connection.start();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        queue = session.createQueue(JmsCluster.unique("q"));
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
    }

    @Test
    void aQueueMessageSentBeforeAnyConsumerIsReceivedWithItsHeaders() throws Exception {
        MessageProducer producer = session.createProducer(queue);
        TextMessage sent = session.createTextMessage("hello");
        sent.setStringProperty("colour", "red");
        sent.setIntProperty("size", 7);
        sent.setJMSCorrelationID("corr-1");
        sent.setJMSType("greeting");
        producer.send(sent);
        assertNotNull(sent.getJMSMessageID());
        assertTrue(sent.getJMSMessageID().startsWith("ID:"));
        assertEquals(queue, sent.getJMSDestination());
        assertTrue(sent.getJMSTimestamp() > 0);

        TextMessage received = (TextMessage) session.createConsumer(queue).receive(10_000);
        assertNotNull(received);
        assertEquals("hello", received.getText());
        assertEquals(sent.getJMSMessageID(), received.getJMSMessageID());
        assertEquals("red", received.getStringProperty("colour"));
        assertEquals(7, received.getIntProperty("size"));
        assertEquals("corr-1", received.getJMSCorrelationID());
        assertEquals("greeting", received.getJMSType());
        assertEquals(DeliveryMode.PERSISTENT, received.getJMSDeliveryMode());
        assertEquals(4, received.getJMSPriority());
        assertEquals(queue, received.getJMSDestination());
        assertFalse(received.getJMSRedelivered());
        assertEquals(1, received.getIntProperty("JMSXDeliveryCount"));
    }

    @Test
    void everyMessageTypeRoundTrips() throws Exception {
        MessageProducer producer = session.createProducer(queue);
        BytesMessage bytes = session.createBytesMessage();
        bytes.writeBytes(new byte[] {1, 2, 3});
        MapMessage map = session.createMapMessage();
        map.setLong("n", 42L);
        map.setString("s", "x");
        StreamMessage stream = session.createStreamMessage();
        stream.writeBoolean(true);
        stream.writeDouble(1.5);
        ObjectMessage object = session.createObjectMessage(new ArrayList<>(List.of("a", "b")));
        Message plain = session.createMessage();
        plain.setBooleanProperty("flag", true);
        plain.setByteProperty("b", (byte) 1);
        plain.setShortProperty("sh", (short) 2);
        plain.setLongProperty("l", 3L);
        plain.setFloatProperty("f", 1.25f);
        plain.setDoubleProperty("d", 2.5);
        for (Message message : List.of(bytes, map, stream, object, plain)) {
            producer.send(message);
        }
        MessageConsumer consumer = session.createConsumer(queue);
        BytesMessage gotBytes = (BytesMessage) consumer.receive(10_000);
        byte[] read = new byte[3];
        assertEquals(3, gotBytes.readBytes(read));
        assertEquals(3, read[2]);
        MapMessage gotMap = (MapMessage) consumer.receive(10_000);
        assertEquals(42L, gotMap.getLong("n"));
        assertEquals("x", gotMap.getString("s"));
        StreamMessage gotStream = (StreamMessage) consumer.receive(10_000);
        assertTrue(gotStream.readBoolean());
        assertEquals(1.5, gotStream.readDouble());
        ObjectMessage gotObject = (ObjectMessage) consumer.receive(10_000);
        assertEquals(List.of("a", "b"), gotObject.getObject());
        Message gotPlain = consumer.receive(10_000);
        assertTrue(gotPlain.getBooleanProperty("flag"));
        assertEquals((byte) 1, gotPlain.getByteProperty("b"));
        assertEquals((short) 2, gotPlain.getShortProperty("sh"));
        assertEquals(3L, gotPlain.getLongProperty("l"));
        assertEquals(1.25f, gotPlain.getFloatProperty("f"));
        assertEquals(2.5, gotPlain.getDoubleProperty("d"));
    }

    @Test
    void severalConsumersShareAQueueAndEachMessageGoesToExactlyOne() throws Exception {
        int count = 30;
        Connection other = JmsCluster.factory().createConnection();
        try {
            other.start();
            Session otherSession = other.createSession(false, Session.AUTO_ACKNOWLEDGE);
            List<String> received = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch all = new CountDownLatch(count);
            Set<String> consumersSeen = Collections.synchronizedSet(new HashSet<>());
            for (Session s : List.of(session, otherSession)) {
                MessageConsumer consumer = s.createConsumer(queue);
                consumer.setMessageListener(message -> {
                    try {
                        received.add(((TextMessage) message).getText());
                        consumersSeen.add(Thread.currentThread().getName());
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                    all.countDown();
                });
            }
            MessageProducer producer = session.createProducer(queue);
            for (int i = 0; i < count; i++) {
                producer.send(session.createTextMessage("m" + i));
            }
            assertTrue(all.await(30, TimeUnit.SECONDS), "received " + received.size());
            assertEquals(count, received.size());
            assertEquals(count, new HashSet<>(received).size(), "no message twice");
            // Nothing more comes: every message was delivered exactly once.
            assertNull(session.createConsumer(queue).receive(500));
        } finally {
            other.close();
        }
    }

    @Test
    void messagesOfOneProducerArriveInOrder() throws Exception {
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < 20; i++) {
            producer.send(session.createTextMessage("m" + i));
        }
        MessageConsumer consumer = session.createConsumer(queue);
        for (int i = 0; i < 20; i++) {
            assertEquals("m" + i, ((TextMessage) consumer.receive(10_000)).getText());
        }
    }

    @Test
    void aSelectorPicksItsMessagesAndLeavesTheOthersForOtherConsumers() throws Exception {
        MessageProducer producer = session.createProducer(queue);
        for (String colour : List.of("red", "blue", "red", "green")) {
            Message message = session.createTextMessage(colour);
            message.setStringProperty("colour", colour);
            producer.send(message);
        }
        MessageConsumer reds = session.createConsumer(queue, "colour = 'red'");
        assertEquals("red", ((TextMessage) reds.receive(10_000)).getText());
        assertEquals("red", ((TextMessage) reds.receive(10_000)).getText());
        assertNull(reds.receive(300));
        reds.close();
        MessageConsumer rest = session.createConsumer(queue);
        Set<String> others = new HashSet<>();
        others.add(((TextMessage) rest.receive(10_000)).getText());
        others.add(((TextMessage) rest.receive(10_000)).getText());
        assertEquals(Set.of("blue", "green"), others);
    }

    @Test
    void headerSelectorsMatchHeadersAtTheirDefault() throws Exception {
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("normal"));
        producer.send(session.createTextMessage("urgent"), DeliveryMode.NON_PERSISTENT, 9, 0);
        MessageConsumer normal = session.createConsumer(queue, "JMSPriority = 4 AND JMSDeliveryMode = 'PERSISTENT'");
        assertEquals("normal", ((TextMessage) normal.receive(10_000)).getText());
        assertNull(normal.receive(300));
        MessageConsumer urgent = session.createConsumer(queue, "JMSPriority > 5");
        assertEquals("urgent", ((TextMessage) urgent.receive(10_000)).getText());
    }

    @Test
    void theBrokerEvaluatesLikeNotAndArithmeticSoOthersAreNeverTouched() throws Exception {
        MessageProducer producer = session.createProducer(queue);
        int weight = 4;
        for (String name : List.of("apple", "banana", "avocado")) {
            Message message = session.createTextMessage(name);
            message.setStringProperty("name", name);
            message.setIntProperty("weight", weight++);
            producer.send(message);
        }
        MessageConsumer consumer = session.createConsumer(queue, "name LIKE 'a%' AND NOT name = 'apple' AND weight * 2 > 10");
        assertEquals("avocado", ((TextMessage) consumer.receive(10_000)).getText());
        assertNull(consumer.receive(300));
        consumer.close();
        // The broker filtered: the selector's consumer never held the others, so they are first deliveries.
        MessageConsumer rest = session.createConsumer(queue);
        Set<String> others = new HashSet<>();
        for (int i = 0; i < 2; i++) {
            Message other = rest.receive(10_000);
            others.add(((TextMessage) other).getText());
            assertEquals(1, other.getIntProperty("JMSXDeliveryCount"), other + " was handed out before");
            assertFalse(other.getJMSRedelivered());
        }
        assertEquals(Set.of("apple", "banana"), others);
    }

    @Test
    void aConsumerPrefetchesAsItKeepsReceivingAndHandsBackTheRestWhenItCloses() throws Exception {
        ApogeeConnectionFactory factory = JmsCluster.factory();
        factory.setInvisibleTimeMillis(60_000);   // nothing comes back by expiry within the test
        try (Connection slow = factory.createConnection()) {
            slow.start();
            Session first = slow.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = first.createProducer(queue);
            for (int i = 0; i < 40; i++) {
                producer.send(first.createTextMessage("m" + i));
            }
            MessageConsumer early = first.createConsumer(queue);
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                texts.add(((TextMessage) early.receive(10_000)).getText());
            }
            early.close();   // it had popped more than it delivered: those must be visible again at once
            Session second = slow.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer late = second.createConsumer(queue);
            for (int i = 0; i < 30; i++) {
                Message message = late.receive(10_000);
                assertNotNull(message, "message " + i + " of the 30 left (got " + texts + ")");
                texts.add(((TextMessage) message).getText());
            }
            assertEquals(40, Set.copyOf(texts).size(), "each message once: " + texts);
            assertEquals(IntStream.range(0, 10).mapToObj(i -> "m" + i).toList(), texts.subList(0, 10),
                    "a prefetching consumer still receives in send order");
        }
    }

    @Test
    void aBadSelectorFailsAtCreation() {
        assertThrows(InvalidSelectorException.class, () -> session.createConsumer(queue, "colour = "));
    }

    @Test
    void propertiesTooLargeToStoreAreRefusedAsAFormatErrorAndNothingIsSent() throws Exception {
        MessageProducer producer = session.createProducer(queue);
        TextMessage big = session.createTextMessage("big");
        big.setStringProperty("note", "\u20ac".repeat(11_000));
        MessageFormatException refused = assertThrows(MessageFormatException.class, () -> producer.send(big));
        assertTrue(refused.getMessage().contains("at most 32767"), refused.getMessage());
        Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
        assertThrows(MessageFormatException.class, () -> transacted.createProducer(queue).send(big));
        transacted.commit();
        transacted.close();
        producer.send(session.createTextMessage("small"));
        connection.start();
        MessageConsumer consumer = session.createConsumer(queue);
        assertEquals("small", ((TextMessage) consumer.receive(10_000)).getText());
        assertNull(consumer.receive(300));
    }

    @Test
    void receiveNoWaitAndTimeoutReturnNullWhenEmpty() throws Exception {
        MessageConsumer consumer = session.createConsumer(queue);
        assertNull(consumer.receiveNoWait());
        long start = System.nanoTime();
        assertNull(consumer.receive(300));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(290));
    }

    @Test
    void aStoppedConnectionDeliversNothingUntilStarted() throws Exception {
        session.createProducer(queue).send(session.createTextMessage("held"));
        connection.stop();
        MessageConsumer consumer = session.createConsumer(queue);
        assertNull(consumer.receive(500));
        connection.start();
        assertEquals("held", ((TextMessage) consumer.receive(10_000)).getText());
    }

    @Test
    void clientAcknowledgeRecoverRedeliversInOrderThenAcknowledgeSettles() throws Exception {
        Session client = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        MessageProducer producer = client.createProducer(queue);
        for (int i = 0; i < 3; i++) {
            producer.send(client.createTextMessage("m" + i));
        }
        MessageConsumer consumer = client.createConsumer(queue);
        for (int i = 0; i < 3; i++) {
            Message message = consumer.receive(10_000);
            assertFalse(message.getJMSRedelivered());
        }
        client.recover();
        Message last = null;
        for (int i = 0; i < 3; i++) {
            last = consumer.receive(10_000);
            assertEquals("m" + i, ((TextMessage) last).getText());
            assertTrue(last.getJMSRedelivered());
            assertEquals(2, last.getIntProperty("JMSXDeliveryCount"));
        }
        last.acknowledge();
        client.close();
        // Acknowledged: nothing comes back after the invisible time.
        assertNull(session.createConsumer(queue).receive(4_000));
    }

    @Test
    void anUnacknowledgedMessageComesBackToAnotherConsumerAfterClose() throws Exception {
        Session client = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        client.createProducer(queue).send(client.createTextMessage("again"));
        assertNotNull(client.createConsumer(queue).receive(10_000));
        client.close();
        Message again = session.createConsumer(queue).receive(10_000);
        assertEquals("again", ((TextMessage) again).getText());
        assertTrue(again.getJMSRedelivered());
    }

    @Test
    void asyncSendsCompleteInSendOrder() throws Exception {
        MessageProducer producer = session.createProducer(queue);
        List<String> completed = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(10);
        for (int i = 0; i < 10; i++) {
            TextMessage message = session.createTextMessage("a" + i);
            producer.send(message, new CompletionListener() {
                @Override
                public void onCompletion(Message m) {
                    try {
                        completed.add(((TextMessage) m).getText());
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                    done.countDown();
                }

                @Override
                public void onException(Message m, Exception e) {
                    done.countDown();
                }
            });
        }
        assertTrue(done.await(10, TimeUnit.SECONDS));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            expected.add("a" + i);
        }
        assertEquals(expected, completed);
    }

    @Test
    void disabledIdAndTimestampAreNotSet() throws Exception {
        MessageProducer producer = session.createProducer(queue);
        producer.setDisableMessageID(true);
        producer.setDisableMessageTimestamp(true);
        Message message = session.createTextMessage("bare");
        producer.send(message);
        assertNull(message.getJMSMessageID());
        assertEquals(0, message.getJMSTimestamp());
        assertEquals(0, session.createConsumer(queue).receive(10_000).getJMSTimestamp());
    }

    @Test
    void expiredMessagesAreNeverDelivered() throws Exception {
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("short"), DeliveryMode.PERSISTENT, 4, 1);
        producer.send(session.createTextMessage("long"), DeliveryMode.PERSISTENT, 4, 60_000);
        long waitedFrom = System.currentTimeMillis();
        while (System.currentTimeMillis() - waitedFrom < 5) {
            Thread.onSpinWait();
        }
        Message received = session.createConsumer(queue).receive(10_000);
        assertEquals("long", ((TextMessage) received).getText());
        assertTrue(received.getJMSExpiration() > 0);
    }

    @Test
    void aDeliveryDelayHoldsTheMessageBack() throws Exception {
        MessageProducer producer = session.createProducer(queue);
        producer.setDeliveryDelay(1_500);
        Message message = session.createTextMessage("later");
        producer.send(message);
        assertEquals(message.getJMSTimestamp() + 1_500, message.getJMSDeliveryTime());
        MessageConsumer consumer = session.createConsumer(queue);
        assertNull(consumer.receive(500));
        Message received = consumer.receive(10_000);
        assertNotNull(received);
        assertTrue(System.currentTimeMillis() >= message.getJMSDeliveryTime());
    }

    @Test
    void aListenerThatThrowsGetsTheMessageAgainRedelivered() throws Exception {
        session.createProducer(queue).send(session.createTextMessage("retry"));
        List<Boolean> redelivered = new CopyOnWriteArrayList<>();
        CountDownLatch twice = new CountDownLatch(2);
        session.createConsumer(queue).setMessageListener(message -> {
            try {
                redelivered.add(message.getJMSRedelivered());
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
            twice.countDown();
            if (redelivered.size() == 1) {
                throw new RuntimeException("first time fails");
            }
        });
        assertTrue(twice.await(10, TimeUnit.SECONDS));
        assertEquals(List.of(false, true), redelivered);
    }

    @Test
    void closedObjectsThrowIllegalState() throws Exception {
        MessageConsumer consumer = session.createConsumer(queue);
        MessageProducer producer = session.createProducer(queue);
        session.close();
        assertThrows(IllegalStateException.class, () -> consumer.receive(10));
        assertThrows(IllegalStateException.class, () -> producer.send(session.createTextMessage("x")));
        assertThrows(IllegalStateException.class, () -> session.createConsumer(queue));
        connection.close();
        assertThrows(IllegalStateException.class, () -> connection.createSession());
        connection.close(); // idempotent
    }

    @Test
    void aMessageTooManyTimesUnacknowledgedGoesToTheDeadLetterQueue() throws Exception {
        var factory = JmsCluster.factory();
        factory.setMaxDeliveries(2);
        factory.setInvisibleTimeMillis(1_000);
        String dlq = JmsCluster.unique("dlq");
        factory.setDeadLetterQueue(dlq);
        try (Connection dlqConnection = factory.createConnection()) {
            dlqConnection.start();
            // Each delivery in a session closed without acknowledging: the message goes back to the broker
            // (a session that stays open keeps renewing what it holds, so it would never come back).
            Session first = dlqConnection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            first.createProducer(queue).send(first.createTextMessage("poison"));
            assertNotNull(first.createConsumer(queue).receive(10_000));  // 1st delivery, never acknowledged
            first.close();
            Session again = dlqConnection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            Message second = again.createConsumer(queue).receive(10_000);
            assertNotNull(second);
            assertEquals(2, second.getIntProperty("JMSXDeliveryCount"));
            again.close();
            Session client = dlqConnection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            assertNull(client.createConsumer(queue).receive(2_500));       // the 3rd goes to the DLQ instead
            Message dead = client.createConsumer(client.createQueue(dlq)).receive(10_000);
            assertNotNull(dead);
            assertEquals("poison", ((TextMessage) dead).getText());
            assertEquals("queue:" + queue.getQueueName(), dead.getStringProperty("JMS_Apogee_OriginalDestination"));
        }
    }

    @Test
    void duplicateClientIdIsRefused() throws Exception {
        String id = JmsCluster.unique("client");
        try (Connection first = JmsCluster.factory().createConnection();
             Connection second = JmsCluster.factory().createConnection()) {
            first.setClientID(id);
            assertEquals(id, first.getClientID());
            assertThrows(jakarta.jms.InvalidClientIDException.class, () -> second.setClientID(id));
            assertThrows(IllegalStateException.class, () -> first.setClientID("again"));
        }
        // The spec: setClientID after the connection was used is an IllegalStateException.
        assertThrows(IllegalStateException.class, () -> connection.setClientID(JmsCluster.unique("late")));
    }

    @Test
    void theObjectTypeOfAReceivedMessageIsKept() throws Exception {
        session.createProducer(queue).send(session.createTextMessage("t"));
        assertInstanceOf(TextMessage.class, session.createConsumer(queue).receive(10_000));
    }
}
