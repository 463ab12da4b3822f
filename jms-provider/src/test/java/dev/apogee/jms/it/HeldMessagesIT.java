package dev.apogee.jms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.jms.ApogeeConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A CLIENT_ACKNOWLEDGE or transacted session may hold a message longer than its invisible time: the session
 * renews it, so a competing consumer does not get it meanwhile, and the late acknowledge or commit settles it.
 */
@Timeout(60)
class HeldMessagesIT {

    private static final long INVISIBLE = 1_500;

    private Connection holder;
    private Connection competitor;
    private Queue queue;

    @BeforeEach
    void connect() throws Exception {
        ApogeeConnectionFactory factory = JmsCluster.factory();
        factory.setInvisibleTimeMillis(INVISIBLE);
        holder = factory.createConnection();
        competitor = factory.createConnection();
        holder.start();
        competitor.start();
        queue = new dev.apogee.jms.ApogeeQueue(JmsCluster.unique("held"));
    }

    @AfterEach
    void close() throws Exception {
        holder.close();
        competitor.close();
    }

    @Test
    void aClientAcknowledgeMessageHeldPastItsInvisibleTimeIsNotDeliveredElsewhere() throws Exception {
        Session session = holder.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        session.createProducer(queue).send(session.createTextMessage("held"));
        Message held = session.createConsumer(queue).receive(10_000);
        assertNotNull(held);
        assertNoOtherConsumerGetsItFor(3 * INVISIBLE);
        held.acknowledge();
        assertNoOtherConsumerGetsItFor(INVISIBLE + 500);
    }

    @Test
    void aTransactedReceiveHeldPastItsInvisibleTimeIsCommittedOnce() throws Exception {
        Session session = holder.createSession(true, Session.SESSION_TRANSACTED);
        session.createProducer(queue).send(session.createTextMessage("held"));
        session.commit();
        MessageConsumer consumer = session.createConsumer(queue);
        TextMessage held = (TextMessage) consumer.receive(10_000);
        assertEquals("held", held.getText());
        assertFalse(held.getJMSRedelivered());
        assertNoOtherConsumerGetsItFor(3 * INVISIBLE);
        session.commit();
        assertNoOtherConsumerGetsItFor(INVISIBLE + 500);
    }

    @Test
    void aHeldMessageRolledBackLateIsStillRedeliveredToItsSession() throws Exception {
        Session session = holder.createSession(true, Session.SESSION_TRANSACTED);
        session.createProducer(queue).send(session.createTextMessage("held"));
        session.commit();
        MessageConsumer consumer = session.createConsumer(queue);
        assertNotNull(consumer.receive(10_000));
        assertNoOtherConsumerGetsItFor(2 * INVISIBLE);
        session.rollback();
        Message again = consumer.receive(10_000);
        assertEquals("held", again.getBody(String.class));
        session.commit();
        assertNoOtherConsumerGetsItFor(INVISIBLE + 500);
    }

    @Test
    void aRecoveredMessageWaitingLongerThanItsInvisibleTimeIsRedeliveredOnlyToItsSession() throws Exception {
        Session session = holder.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        session.createProducer(queue).send(session.createTextMessage("recovered"));
        MessageConsumer consumer = session.createConsumer(queue);
        assertNotNull(consumer.receive(10_000));
        session.recover();
        // The application does not receive again for three invisible times.
        assertNoOtherConsumerGetsItFor(3 * INVISIBLE);
        Message again = consumer.receive(10_000);
        assertEquals("recovered", again.getBody(String.class));
        assertTrue(again.getJMSRedelivered());
        again.acknowledge();
        assertNoOtherConsumerGetsItFor(INVISIBLE + 500);
    }

    private void assertNoOtherConsumerGetsItFor(long millis) throws Exception {
        Session other = competitor.createSession(false, Session.AUTO_ACKNOWLEDGE);
        try {
            assertNull(other.createConsumer(queue).receive(millis), "another consumer got the held message");
        } finally {
            other.close();
        }
    }
}
