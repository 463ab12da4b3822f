package dev.apogee.jms.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.jms.ApogeeConnectionFactory;
import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidClientIDRuntimeException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.InvalidSelectorRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The simplified API (Jakarta Messaging 3.1: JMSContext, JMSProducer, JMSConsumer) against our broker. */
@Timeout(60)
class SimplifiedApiIT {

    private ApogeeConnectionFactory factory;
    private JMSContext context;
    private Queue queue;

    @BeforeEach
    void connect() throws Exception {
        factory = JmsCluster.factory();
        context = factory.createContext();
        queue = context.createQueue(JmsCluster.unique("sq"));
    }

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void everyBodyKindIsSentAndReadBackWithReceiveBody() {
        JMSProducer producer = context.createProducer();
        producer.send(queue, "text").send(queue, Map.of("n", 7L)).send(queue, new byte[] {1, 2, 3})
                .send(queue, new ArrayList<>(List.of("a", "b")));
        JMSConsumer consumer = context.createConsumer(queue);
        assertEquals("text", consumer.receiveBody(String.class, 10_000));
        assertEquals(Map.of("n", 7L), consumer.receiveBody(Map.class, 10_000));
        assertArrayEquals(new byte[] {1, 2, 3}, consumer.receiveBody(byte[].class, 10_000));
        assertEquals(List.of("a", "b"), consumer.receiveBody(ArrayList.class, 10_000));
        assertNull(consumer.receiveBodyNoWait(String.class));
        assertNull(consumer.receiveBody(String.class, 200), "a timeout gives null");
    }

    @Test
    void propertiesAndHeadersOfTheProducerGoOnEveryMessage() throws Exception {
        TemporaryQueue replies = context.createTemporaryQueue();
        JMSProducer producer = context.createProducer().setProperty("region", "eu").setProperty("size", 7)
                .setProperty("ratio", 0.5).setJMSType("order").setJMSCorrelationID("c-1").setJMSReplyTo(replies)
                .setPriority(7).setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        assertEquals(Set.of("region", "size", "ratio"), producer.getPropertyNames());
        assertEquals("7", producer.getStringProperty("size"), "the message's conversion rules");
        assertEquals(7L, producer.getLongProperty("size"));
        assertTrue(producer.propertyExists("region"));
        assertThrows(MessageFormatRuntimeException.class, () -> producer.getIntProperty("ratio"));
        assertThrows(MessageFormatRuntimeException.class, () -> producer.setProperty("bad", new Object()));
        assertThrows(IllegalArgumentException.class, () -> producer.setProperty("", 1));
        assertThrows(JMSRuntimeException.class, () -> producer.setPriority(10));
        assertThrows(JMSRuntimeException.class, () -> producer.setDeliveryMode(3));
        producer.send(queue, "first");

        Message received = context.createConsumer(queue, "region = 'eu' AND size > 5").receive(10_000);
        assertNotNull(received);
        assertEquals("first", received.getBody(String.class));
        assertEquals("eu", received.getStringProperty("region"));
        assertEquals(7, received.getIntProperty("size"));
        assertEquals(0.5, received.getDoubleProperty("ratio"));
        assertEquals("order", received.getJMSType());
        assertEquals("c-1", received.getJMSCorrelationID());
        assertEquals(replies, received.getJMSReplyTo());
        assertEquals(7, received.getJMSPriority());
        assertEquals(DeliveryMode.NON_PERSISTENT, received.getJMSDeliveryMode());

        producer.clearProperties();
        assertTrue(producer.getPropertyNames().isEmpty());
    }

    @Test
    void producerOptionsAreApplied() throws Exception {
        JMSProducer producer = context.createProducer().setDisableMessageTimestamp(true).setDisableMessageID(true);
        TextMessage untimed = context.createTextMessage("untimed");
        producer.send(queue, untimed);
        assertNull(untimed.getJMSMessageID(), "no id when disabled");
        producer.setDisableMessageTimestamp(false).setDisableMessageID(false).setDeliveryDelay(1_000);
        assertEquals(1_000, producer.getDeliveryDelay());
        TextMessage delayed = context.createTextMessage("delayed");
        producer.send(queue, delayed);
        producer.setDeliveryDelay(0).setTimeToLive(1);
        producer.send(queue, "expires at once");

        JMSConsumer consumer = context.createConsumer(queue);
        Message first = consumer.receive(10_000);
        assertEquals(0, first.getJMSTimestamp());
        Message second = consumer.receive(10_000);
        assertEquals(delayed.getJMSMessageID(), second.getJMSMessageID());
        assertTrue(System.currentTimeMillis() >= delayed.getJMSTimestamp() + 1_000, "delivered after its delay");
        assertEquals(delayed.getJMSTimestamp() + 1_000, second.getJMSDeliveryTime());
        assertNull(consumer.receive(500), "the expired one is never delivered");
    }

    @Test
    void receiveBodyOfTheWrongTypeLeavesTheMessageForTheNextReceiveInAutoMode() throws Exception {
        context.createProducer().send(queue, "not bytes").send(queue, "second");
        JMSConsumer consumer = context.createConsumer(queue);
        assertThrows(MessageFormatRuntimeException.class, () -> consumer.receiveBody(byte[].class, 10_000));
        Message again = consumer.receive(10_000);
        assertEquals("not bytes", again.getBody(String.class));
        assertFalse(again.getJMSRedelivered(), "not a redelivery");
        assertEquals(1, again.getIntProperty("JMSXDeliveryCount"));
        assertEquals("second", consumer.receiveBody(String.class, 10_000));
    }

    @Test
    void receiveBodyOfTheWrongTypeCountsAsDeliveredInClientMode() throws Exception {
        try (JMSContext client = factory.createContext(JMSContext.CLIENT_ACKNOWLEDGE)) {
            Queue q = client.createQueue(queue.getQueueName());
            client.createProducer().send(q, "text");
            JMSConsumer consumer = client.createConsumer(q);
            assertThrows(MessageFormatRuntimeException.class, () -> consumer.receiveBody(Map.class, 10_000));
            // Delivered, not acknowledged: recover() delivers it again, redelivered.
            client.recover();
            Message again = consumer.receive(10_000);
            assertTrue(again.getJMSRedelivered());
            client.acknowledge();
            assertNull(consumer.receive(300));
        }
    }

    @Test
    void clientAcknowledgeSettlesOnlyWhenTheContextAcknowledges() throws Exception {
        try (JMSContext client = factory.createContext(JMSContext.CLIENT_ACKNOWLEDGE)) {
            assertEquals(JMSContext.CLIENT_ACKNOWLEDGE, client.getSessionMode());
            client.createProducer().send(queue, "one");
            assertEquals("one", client.createConsumer(queue).receiveBody(String.class, 10_000));
        }
        // Closed without acknowledge: the message is delivered again.
        try (JMSContext client = factory.createContext(JMSContext.CLIENT_ACKNOWLEDGE)) {
            Message again = client.createConsumer(queue).receive(10_000);
            assertNotNull(again);
            assertTrue(again.getJMSRedelivered());
            client.acknowledge();
        }
        assertNull(context.createConsumer(queue).receive(300), "acknowledged for good");
    }

    @Test
    void aTransactedContextSendsAndReceivesOnCommitOnly() throws Exception {
        try (JMSContext transacted = factory.createContext(JMSContext.SESSION_TRANSACTED)) {
            assertTrue(transacted.getTransacted());
            JMSProducer producer = transacted.createProducer();
            producer.send(queue, "rolled back");
            transacted.rollback();
            producer.send(queue, "committed");
            JMSConsumer probe = context.createConsumer(queue);
            assertNull(probe.receive(300), "nothing before commit");
            transacted.commit();
            assertEquals("committed", probe.receiveBody(String.class, 10_000));
            probe.close();

            producer.send(queue, "again");
            transacted.commit();
            JMSConsumer consumer = transacted.createConsumer(queue);
            assertEquals("again", consumer.receiveBody(String.class, 10_000));
            transacted.rollback();
            Message redelivered = consumer.receive(10_000);
            assertTrue(redelivered.getJMSRedelivered());
            transacted.commit();
            assertNull(consumer.receive(300));
            assertThrows(IllegalStateRuntimeException.class, transacted::recover);
        }
        assertThrows(IllegalStateRuntimeException.class, context::commit);
    }

    @Test
    void contextsMadeFromAContextShareItsConnectionUntilTheLastCloses() throws Exception {
        JMSContext parent = factory.createContext();
        JMSContext child = parent.createContext(JMSContext.CLIENT_ACKNOWLEDGE);
        assertThrows(IllegalStateRuntimeException.class, () -> child.setClientID("late"),
                "the shared connection is in use");
        parent.createProducer().send(queue, "shared");
        parent.close();
        assertThrows(IllegalStateRuntimeException.class, parent::createProducer);
        parent.close(); // a second close does nothing
        // The child still works: the connection stays open while a context uses it.
        assertEquals("shared", child.createConsumer(queue).receiveBody(String.class, 10_000));
        child.acknowledge();
        child.close();
        assertThrows(IllegalStateRuntimeException.class, () -> child.createContext(JMSContext.AUTO_ACKNOWLEDGE));
        assertThrows(JMSRuntimeException.class, () -> context.createContext(42), "not a session mode");
    }

    @Test
    void theClientIdIsSetRightAfterCreationOnlyAndIsUnique() {
        String id = JmsCluster.unique("cid");
        try (JMSContext first = factory.createContext()) {
            first.setClientID(id);
            assertEquals(id, first.getClientID());
            assertThrows(IllegalStateRuntimeException.class, () -> first.setClientID("other"));
            try (JMSContext second = factory.createContext()) {
                assertThrows(InvalidClientIDRuntimeException.class, () -> second.setClientID(id));
            }
        }
        try (JMSContext used = factory.createContext()) {
            used.createProducer();
            assertThrows(IllegalStateRuntimeException.class, () -> used.setClientID(JmsCluster.unique("cid")));
        }
    }

    @Test
    void withoutAutoStartNothingIsDeliveredUntilStart() {
        context.createProducer().send(queue, "waits");
        try (JMSContext manual = factory.createContext()) {
            manual.setAutoStart(false);
            assertFalse(manual.getAutoStart());
            JMSConsumer consumer = manual.createConsumer(queue);
            assertNull(consumer.receive(500), "not started");
            manual.start();
            assertEquals("waits", consumer.receiveBody(String.class, 10_000));
        }
    }

    @Test
    void asyncSendsCompleteInOrderAndAListenerMustNotCloseItsContext() throws Exception {
        List<String> completed = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<RuntimeException> closeInListener = new CompletableFuture<>();
        CountDownLatch done = new CountDownLatch(10);
        JMSProducer producer = context.createProducer().setAsync(new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                try {
                    completed.add(message.getBody(String.class));
                    if (completed.size() == 1) {
                        try {
                            context.close();
                            closeInListener.complete(null);
                        } catch (RuntimeException e) {
                            closeInListener.complete(e);
                        }
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
                done.countDown();
            }

            @Override
            public void onException(Message message, Exception exception) {
                done.countDown();
            }
        });
        assertNotNull(producer.getAsync());
        for (int i = 0; i < 10; i++) {
            producer.send(queue, "m" + i);
        }
        assertTrue(done.await(20, TimeUnit.SECONDS));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            expected.add("m" + i);
        }
        assertEquals(expected, completed);
        assertInstanceOf(IllegalStateRuntimeException.class, closeInListener.get(5, TimeUnit.SECONDS));

        CompletableFuture<Object> fromListener = new CompletableFuture<>();
        JMSConsumer consumer = context.createConsumer(queue);
        consumer.setMessageListener(message -> {
            try {
                context.close();
                fromListener.complete("closed");
            } catch (RuntimeException e) {
                fromListener.complete(e);
            }
        });
        assertInstanceOf(IllegalStateRuntimeException.class, fromListener.get(20, TimeUnit.SECONDS));
        assertThrows(IllegalStateRuntimeException.class, () -> consumer.receive(10),
                "a consumer with a listener does not receive");
    }

    @Test
    void durableSharedAndSharedDurableConsumersOnATopic() throws Exception {
        Topic topic = context.createTopic(JmsCluster.unique("st"));
        try (JMSContext durable = factory.createContext()) {
            durable.setClientID(JmsCluster.unique("dur"));
            JMSConsumer subscriber = durable.createDurableConsumer(topic, "sub");
            JMSConsumer shared = context.createSharedConsumer(topic, "shared");
            JMSConsumer sharedDurable = context.createSharedDurableConsumer(topic, "shared-durable", "n > 1");
            JMSProducer producer = context.createProducer();
            producer.setProperty("n", 1).send(topic, "one");
            producer.setProperty("n", 2).send(topic, "two");
            assertEquals("one", subscriber.receiveBody(String.class, 10_000));
            assertEquals("two", subscriber.receiveBody(String.class, 10_000));
            assertEquals("one", shared.receiveBody(String.class, 10_000));
            assertEquals("two", shared.receiveBody(String.class, 10_000));
            assertEquals("two", sharedDurable.receiveBody(String.class, 10_000), "its selector");
            assertThrows(JMSRuntimeException.class, () -> durable.unsubscribe("sub"), "still active");
            subscriber.close();
            durable.unsubscribe("sub");
            sharedDurable.close();
            context.unsubscribe("shared-durable");
            shared.close();
        }
        assertThrows(IllegalStateRuntimeException.class, () -> context.createDurableConsumer(topic, "no-client-id"));
        assertThrows(InvalidSelectorRuntimeException.class, () -> context.createConsumer(queue, "a = "));
        assertThrows(InvalidDestinationRuntimeException.class, () -> context.createConsumer(null));
    }

    @Test
    void browsersAndTemporaryQueuesWork() throws Exception {
        context.createProducer().send(queue, "a").send(queue, "b");
        QueueBrowser browser = context.createBrowser(queue);
        List<String> seen = new ArrayList<>();
        // The browser reads what is stored; wait until both are visible to it.
        long deadline = System.currentTimeMillis() + 10_000;
        while (seen.size() < 2 && System.currentTimeMillis() < deadline) {
            seen.clear();
            for (Object message : Collections.list(browser.getEnumeration())) {
                seen.add(((Message) message).getBody(String.class));
            }
        }
        assertEquals(List.of("a", "b"), seen);
        browser.close();

        TemporaryQueue temporary = context.createTemporaryQueue();
        context.createProducer().send(temporary, Map.of("k", "v"));
        MapMessage received = (MapMessage) context.createConsumer(temporary).receive(10_000);
        assertEquals("v", received.getString("k"));
    }

    @Test
    void factoryAndClosedContextRules() {
        try (JMSContext signed = factory.createContext("user", "password")) {
            signed.createProducer().send(queue, "signed");   // Apogee's broker does not authenticate: signed requests pass
            assertEquals("signed", signed.createConsumer(queue).receiveBody(String.class, 10_000));
        }
        assertThrows(JMSRuntimeException.class, () -> factory.createContext(99));
        JMSContext closed = factory.createContext(JMSContext.DUPS_OK_ACKNOWLEDGE);
        assertEquals(JMSContext.DUPS_OK_ACKNOWLEDGE, closed.getSessionMode());
        JMSProducer producer = closed.createProducer();
        closed.close();
        assertThrows(IllegalStateRuntimeException.class, () -> producer.send(queue, "late"));
        assertThrows(IllegalStateRuntimeException.class, closed::acknowledge);
        assertThrows(IllegalStateRuntimeException.class, () -> closed.createConsumer(queue));
        assertThrows(MessageFormatRuntimeException.class, () -> context.createProducer().send(queue, (Message) null));
    }
}
