package dev.apogee.jms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * JMSXGroupID: every message of a group goes to one RocketMQ queue, whichever producer sends it, so a
 * consumer receives a group's messages in the order they were sent, interleaved with other groups'.
 */
@Timeout(90)
class GroupOrderingIT {

    private Connection connection;

    @BeforeEach
    void connect() throws Exception {
        connection = JmsCluster.factory().createConnection();
        connection.start();
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
    }

    @Test
    void aGroupsMessagesFromSeveralProducersArriveInSendOrder() throws Exception {
        Queue queue = new dev.apogee.jms.ApogeeQueue(JmsCluster.unique("groups"));
        List<Session> sessions = new ArrayList<>();
        List<MessageProducer> producers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            sessions.add(session);
            producers.add(session.createProducer(queue));
        }
        int groups = 6;
        int perGroup = 25;
        Map<String, List<String>> sent = new HashMap<>();
        int[] seq = new int[groups];
        for (int n = 0; n < groups * perGroup; n++) {
            // A different producer and group each time, so groups interleave and every group has every producer.
            int group = n % groups;
            int producer = (n / groups) % producers.size();
            Session session = sessions.get(producer);
            Message message = session.createTextMessage("g" + group + "-p" + producer + "-" + seq[group]);
            message.setStringProperty("JMSXGroupID", "g" + group);
            message.setIntProperty("JMSXGroupSeq", ++seq[group]);
            producers.get(producer).send(message);
            sent.computeIfAbsent("g" + group, g -> new ArrayList<>()).add(message.getBody(String.class));
        }

        Session receiving = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = receiving.createConsumer(queue);
        Map<String, List<String>> received = new HashMap<>();
        for (int n = 0; n < groups * perGroup; n++) {
            Message message = consumer.receive(10_000);
            assertNotNull(message, "received " + n);
            String group = message.getStringProperty("JMSXGroupID");
            List<String> got = received.computeIfAbsent(group, g -> new ArrayList<>());
            got.add(message.getBody(String.class));
            assertEquals(got.size(), message.getIntProperty("JMSXGroupSeq"), "sequence of " + group);
        }
        assertEquals(sent, received);
        assertNull(consumer.receive(300), "nothing twice");
    }
}
