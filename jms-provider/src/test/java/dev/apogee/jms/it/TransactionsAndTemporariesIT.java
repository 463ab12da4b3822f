package dev.apogee.jms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Local transactions (6.2.9), temporary destinations (6.2.2) and browsers (8.10). */
@Timeout(60)
class TransactionsAndTemporariesIT {

    private Connection connection;
    private Session session;
    private Queue queue;

    @BeforeEach
    void connect() throws Exception {
        connection = JmsCluster.factory().createConnection();
        connection.start();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        queue = session.createQueue(JmsCluster.unique("tq"));
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
    }

    @Test
    void transactedSendsAppearOnlyOnCommit() throws Exception {
        Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageProducer producer = transacted.createProducer(queue);
        producer.send(transacted.createTextMessage("t1"));
        producer.send(transacted.createTextMessage("t2"));
        MessageConsumer consumer = session.createConsumer(queue);
        assertNull(consumer.receive(500), "nothing before commit");
        transacted.commit();
        List<String> got = new ArrayList<>();
        got.add(((TextMessage) consumer.receive(10_000)).getText());
        got.add(((TextMessage) consumer.receive(10_000)).getText());
        Collections.sort(got);
        assertEquals(List.of("t1", "t2"), got);
    }

    @Test
    void transactedSendsOfOneProducerArriveInSendOrder() throws Exception {
        Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageProducer producer = transacted.createProducer(queue);
        for (int batch = 0; batch < 3; batch++) {
            for (int i = 0; i < 10; i++) {
                producer.send(transacted.createTextMessage("b" + batch + "-" + i));
            }
            transacted.commit();
        }
        MessageConsumer consumer = session.createConsumer(queue);
        for (int batch = 0; batch < 3; batch++) {
            for (int i = 0; i < 10; i++) {
                assertEquals("b" + batch + "-" + i, ((TextMessage) consumer.receive(10_000)).getText());
            }
        }
    }

    @Test
    void rolledBackSendsNeverAppear() throws Exception {
        Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
        transacted.createProducer(queue).send(transacted.createTextMessage("gone"));
        transacted.rollback();
        assertNull(session.createConsumer(queue).receive(1_000));
    }

    @Test
    void rolledBackReceivesAreRedeliveredAndCommittedOnesAreNot() throws Exception {
        session.createProducer(queue).send(session.createTextMessage("work"));
        Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer consumer = transacted.createConsumer(queue);
        assertNotNull(consumer.receive(10_000));
        transacted.rollback();
        Message again = consumer.receive(10_000);
        assertEquals("work", ((TextMessage) again).getText());
        assertTrue(again.getJMSRedelivered());
        transacted.commit();
        transacted.close();
        assertNull(session.createConsumer(queue).receive(4_000), "committed: gone for good");
    }

    @Test
    void transactionMethodsNeedATransactedSession() {
        assertThrows(IllegalStateException.class, () -> session.commit());
        assertThrows(IllegalStateException.class, () -> session.rollback());
    }

    @Test
    void requestReplyOverATemporaryQueue() throws Exception {
        TemporaryQueue replies = session.createTemporaryQueue();
        MessageConsumer replyConsumer = session.createConsumer(replies);
        TextMessage request = session.createTextMessage("ping");
        request.setJMSReplyTo(replies);
        session.createProducer(queue).send(request);

        try (Connection server = JmsCluster.factory().createConnection()) {
            server.start();
            Session serverSession = server.createSession();
            Message received = serverSession.createConsumer(queue).receive(10_000);
            assertEquals(replies, received.getJMSReplyTo());
            assertThrows(InvalidDestinationException.class,
                    () -> serverSession.createConsumer(received.getJMSReplyTo()), "only its connection consumes");
            serverSession.createProducer(received.getJMSReplyTo()).send(serverSession.createTextMessage("pong"));
        }
        assertEquals("pong", ((TextMessage) replyConsumer.receive(10_000)).getText());
        assertThrows(IllegalStateException.class, replies::delete, "it still has a consumer");
        replyConsumer.close();
        replies.delete();
    }

    @Test
    void aBrowserShowsPendingMessagesWithoutConsumingThem() throws Exception {
        MessageProducer producer = session.createProducer(queue);
        for (String colour : new String[] {"red", "blue", "red"}) {
            TextMessage message = session.createTextMessage(colour);
            message.setStringProperty("colour", colour);
            producer.send(message);
        }
        QueueBrowser browser = session.createBrowser(queue);
        assertEquals(3, Collections.list(browser.getEnumeration()).size());
        QueueBrowser reds = session.createBrowser(queue, "colour = 'red'");
        assertEquals(2, Collections.list(reds.getEnumeration()).size());
        MessageConsumer consumer = session.createConsumer(queue);
        for (int i = 0; i < 3; i++) {
            assertNotNull(consumer.receive(10_000), "still there after browsing");
        }
    }
}
