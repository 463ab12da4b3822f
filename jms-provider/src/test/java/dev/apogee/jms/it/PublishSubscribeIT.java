package dev.apogee.jms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicSubscriber;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Publish/subscribe (Jakarta Messaging 4.2, 6.2.7, 8.3) against our broker. */
@Timeout(90)
class PublishSubscribeIT {

    private Connection connection;
    private Session session;
    private Topic topic;

    @BeforeEach
    void connect() throws Exception {
        connection = JmsCluster.factory().createConnection();
        connection.setClientID(JmsCluster.unique("sub-client"));
        connection.start();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        topic = session.createTopic(JmsCluster.unique("t"));
        // The topic exists before the subscriptions (as it would in production).
        session.createProducer(topic).send(session.createTextMessage("before anyone"));
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
    }

    private static String text(jakarta.jms.Message message) throws Exception {
        assertNotNull(message, "no message arrived");
        return ((TextMessage) message).getText();
    }

    @Test
    void everySubscriberGetsEveryMessagePublishedAfterItSubscribed() throws Exception {
        MessageConsumer first = session.createConsumer(topic);
        MessageConsumer second = session.createConsumer(topic);
        MessageProducer producer = session.createProducer(topic);
        producer.send(session.createTextMessage("one"));
        producer.send(session.createTextMessage("two"));
        for (MessageConsumer consumer : new MessageConsumer[] {first, second}) {
            assertEquals("one", text(consumer.receive(10_000)));
            assertEquals("two", text(consumer.receive(10_000)));
            assertNull(consumer.receive(200));
        }
    }

    @Test
    void aDurableSubscriptionKeepsMessagesWhileNoConsumerIsActive() throws Exception {
        String name = JmsCluster.unique("durable");
        TopicSubscriber subscriber = session.createDurableSubscriber(topic, name);
        MessageProducer producer = session.createProducer(topic);
        producer.send(session.createTextMessage("while active"));
        assertEquals("while active", text(subscriber.receive(10_000)));
        subscriber.close();
        producer.send(session.createTextMessage("while away"));
        TopicSubscriber again = session.createDurableSubscriber(topic, name);
        assertEquals("while away", text(again.receive(10_000)));
        assertThrows(IllegalStateException.class, () -> session.createDurableSubscriber(topic, name),
                "one active consumer at a time");
        assertThrows(IllegalStateException.class, () -> session.unsubscribe(name), "active");
        again.close();
        session.unsubscribe(name);
        producer.send(session.createTextMessage("after unsubscribe"));
        TopicSubscriber fresh = session.createDurableSubscriber(topic, name);
        assertNull(fresh.receive(500), "a new subscription sees only what is published after it");
        fresh.close();
        session.unsubscribe(name);
        assertThrows(InvalidDestinationException.class, () -> session.unsubscribe(name));
    }

    @Test
    void changingADurableSubscriptionsSelectorMakesANewOne() throws Exception {
        String name = JmsCluster.unique("durable-sel");
        MessageProducer producer = session.createProducer(topic);
        session.createDurableConsumer(topic, name).close();
        producer.send(session.createTextMessage("kept for the old one"));
        MessageConsumer changed = session.createDurableConsumer(topic, name, "colour = 'red'", false);
        assertNull(changed.receive(500));
        changed.close();
        session.unsubscribe(name);
    }

    @Test
    void sharedSubscriptionConsumersSplitTheMessages() throws Exception {
        String name = JmsCluster.unique("shared");
        MessageConsumer first = session.createSharedConsumer(topic, name);
        MessageConsumer second = session.createSharedConsumer(topic, name);
        MessageConsumer plain = session.createConsumer(topic);
        MessageProducer producer = session.createProducer(topic);
        for (int i = 0; i < 10; i++) {
            producer.send(session.createTextMessage("s" + i));
        }
        Set<String> shared = new HashSet<>();
        int received = 0;
        for (MessageConsumer consumer : new MessageConsumer[] {first, second}) {
            jakarta.jms.Message message;
            while ((message = consumer.receive(received == 10 ? 200 : 1_000)) != null) {
                shared.add(text(message));
                received++;
            }
        }
        assertEquals(10, received, "each message once across the shared subscription");
        assertEquals(10, shared.size());
        Set<String> all = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            all.add(text(plain.receive(10_000)));
        }
        assertEquals(shared, all, "the other subscription got them all too");
    }

    @Test
    void aSharedDurableSubscriptionSurvivesItsConsumers() throws Exception {
        String name = JmsCluster.unique("shared-durable");
        session.createSharedDurableConsumer(topic, name).close();
        session.createProducer(topic).send(session.createTextMessage("stored"));
        MessageConsumer consumer = session.createSharedDurableConsumer(topic, name);
        assertEquals("stored", text(consumer.receive(10_000)));
        consumer.close();
        session.unsubscribe(name);
    }

    @Test
    void noLocalSkipsTheConnectionsOwnMessages() throws Exception {
        MessageConsumer noLocal = session.createConsumer(topic, null, true);
        session.createProducer(topic).send(session.createTextMessage("mine"));
        try (Connection other = JmsCluster.factory().createConnection()) {
            Session otherSession = other.createSession();
            otherSession.createProducer(topic).send(otherSession.createTextMessage("theirs"));
        }
        assertEquals("theirs", text(noLocal.receive(10_000)));
        assertNull(noLocal.receive(200));
    }

    @Test
    void aTopicSelectorDropsWhatItRejects() throws Exception {
        MessageConsumer reds = session.createConsumer(topic, "colour = 'red'");
        MessageProducer producer = session.createProducer(topic);
        for (String colour : new String[] {"blue", "red"}) {
            TextMessage message = session.createTextMessage(colour);
            message.setStringProperty("colour", colour);
            producer.send(message);
        }
        assertEquals("red", text(reds.receive(10_000)));
        assertNull(reds.receive(200));
    }
}
