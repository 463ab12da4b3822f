package dev.apogee.jms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.anchors.ApacheRocketMq;
import dev.apogee.client.testing.ApacheBroker;
import dev.apogee.jms.ApogeeConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The provider against the real Apache RocketMQ 5.5.0 broker, for what that broker's features allow:
 * queues over POP, selectors (Apache refuses the JMS filter, so the provider falls back to what it
 * evaluates the same way, or to filtering alone), durable subscriptions, local transactions over
 * half messages, and CLIENT_ACKNOWLEDGE with recover.
 */
@Timeout(180)
class JmsOnApacheIT {

    @RegisterExtension
    static final ApacheBroker APACHE = ApacheBroker.with(ApacheRocketMq.Options.defaults()
            .withSegmentBytes(16L << 20)
            .withPropertyFilter(true));

    private static final AtomicInteger NAMES = new AtomicInteger();

    private Connection connection;
    private Session session;

    private static ApogeeConnectionFactory factory() {
        ApogeeConnectionFactory factory = new ApogeeConnectionFactory("apogee://" + APACHE.namesrvAddress());
        factory.setPollTimeoutMillis(500);
        factory.setInvisibleTimeMillis(10_000);
        factory.setReleaseDelayMillis(200);
        return factory;
    }

    private static String topic(String prefix) {
        return APACHE.createTopic(prefix + NAMES.incrementAndGet(), 2);
    }

    @BeforeEach
    void connect() throws Exception {
        connection = factory().createConnection();
        connection.start();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
    }

    @Test
    void aQueueMessageKeepsItsHeadersAndTypedProperties() throws Exception {
        Queue queue = session.createQueue(topic("JmsApacheHeaders"));
        TextMessage sent = session.createTextMessage("hello");
        sent.setJMSType("order");
        sent.setJMSCorrelationID("c-1");
        sent.setLongProperty("amount", 42);
        sent.setBooleanProperty("vip", true);
        session.createProducer(queue).send(sent, DeliveryMode.PERSISTENT, 7, 0);

        TextMessage received = (TextMessage) session.createConsumer(queue).receive(30_000);
        assertNotNull(received);
        assertEquals("hello", received.getText());
        assertEquals(sent.getJMSMessageID(), received.getJMSMessageID());
        assertEquals("order", received.getJMSType());
        assertEquals("c-1", received.getJMSCorrelationID());
        assertEquals(7, received.getJMSPriority());
        assertEquals(42L, received.getObjectProperty("amount"));
        assertEquals(Boolean.TRUE, received.getObjectProperty("vip"));
        assertEquals(1, received.getIntProperty("JMSXDeliveryCount"));
    }

    @Test
    void queueConsumersWithDifferentSelectorsShareTheQueueWithoutLosingAMessage() throws Exception {
        Queue queue = session.createQueue(topic("JmsApacheSelect"));
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < 6; i++) {
            TextMessage message = session.createTextMessage("m" + i);
            message.setJMSType(i % 2 == 0 ? "red" : "blue");
            message.setIntProperty("n", i);
            producer.send(message);
        }
        // A tag or SQL92 filter would make Apache count each consumer's rejects as consumed by the whole
        // queue group: the other consumer would never see them.
        MessageConsumer reds = session.createConsumer(queue, "JMSType = 'red'");
        MessageConsumer blues = session.createConsumer(queue, "JMSType LIKE 'bl%' AND n >= 0");
        assertEquals(List.of("m0", "m2", "m4"), texts(reds, 3));
        // In any order: each blue the red consumer popped and gave back returns through Apache's retry topic.
        assertEquals(Set.of("m1", "m3", "m5"), Set.copyOf(texts(blues, 3)));
        assertNull(reds.receive(500));
    }

    @Test
    void aDurableSubscriptionKeepsWhatArrivesWhileItsConsumerIsAway() throws Exception {
        connection.close();
        ApogeeConnectionFactory factory = factory();
        factory.setClientID("apache-durable-" + NAMES.incrementAndGet());
        connection = factory.createConnection();
        connection.start();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic(topic("JmsApacheDurable"));
        MessageProducer producer = session.createProducer(topic);

        MessageConsumer subscriber = session.createDurableConsumer(topic, "audit", "amount > 10", false);
        producer.send(amount(5));
        producer.send(amount(20));
        assertEquals(20L, subscriber.receive(30_000).getLongProperty("amount"), "the selector dropped 5");
        subscriber.close();

        producer.send(amount(30));
        subscriber = session.createDurableConsumer(topic, "audit", "amount > 10", false);
        assertEquals(30L, subscriber.receive(30_000).getLongProperty("amount"), "kept while away");
        assertNull(subscriber.receive(500));
        subscriber.close();
        session.unsubscribe("audit");
    }

    @Test
    void transactedSendsArePublishedOnCommitAndRolledBackSendsNever() throws Exception {
        Queue queue = session.createQueue(topic("JmsApacheTx"));
        Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageProducer producer = transacted.createProducer(queue);
        producer.send(transacted.createTextMessage("kept"));
        MessageConsumer consumer = session.createConsumer(queue);
        assertNull(consumer.receive(1_000), "nothing before the commit");
        transacted.commit();
        producer.send(transacted.createTextMessage("dropped"));
        transacted.rollback();
        producer.send(transacted.createTextMessage("second"));
        transacted.commit();
        assertEquals(List.of("kept", "second"), texts(consumer, 2));
        assertNull(consumer.receive(1_000));
    }

    @Test
    void recoverRedeliversTheUnacknowledgedMessagesInOrder() throws Exception {
        Queue queue = session.createQueue(topic("JmsApacheRecover"));
        Session client = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("a"));
        producer.send(session.createTextMessage("b"));
        MessageConsumer consumer = client.createConsumer(queue);
        assertEquals(List.of("a", "b"), texts(consumer, 2));
        client.recover();
        Message again = consumer.receive(30_000);
        assertEquals("a", ((TextMessage) again).getText());
        assertTrue(again.getJMSRedelivered());
        Message second = consumer.receive(30_000);
        assertEquals("b", ((TextMessage) second).getText());
        second.acknowledge();
        client.close();
        assertFalse(session.createConsumer(queue).receive(1_000) != null, "acknowledged: gone for good");
    }

    private TextMessage amount(long value) throws Exception {
        TextMessage message = session.createTextMessage("amount " + value);
        message.setLongProperty("amount", value);
        return message;
    }

    private static List<String> texts(MessageConsumer consumer, int count) throws Exception {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Message message = consumer.receive(30_000);
            assertNotNull(message, "message " + (i + 1) + " of " + count + " (got " + texts + ")");
            texts.add(((TextMessage) message).getText());
        }
        return texts;
    }
}
