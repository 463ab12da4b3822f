package dev.apogee.jms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.client.testing.ApacheBroker;
import dev.apogee.jms.ApogeeConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * JMS user names and passwords as RocketMQ ACL credentials, against the real Apache RocketMQ 5.5.0 broker
 * with authentication on (Apogee's broker does not authenticate): the right ones send and receive, wrong or
 * missing ones get a JMSSecurityException from the operation the broker refuses.
 */
@Timeout(120)
class JmsAuthApacheIT {

    private static final String USER = "apogee";
    private static final String PASSWORD = "apogee-secret-1";

    @RegisterExtension
    static final ApacheBroker APACHE = ApacheBroker.authenticated(USER, PASSWORD);

    private static String topic;

    @BeforeAll
    static void createTopic() {
        topic = APACHE.createTopic("JmsApacheAuth", 2);
    }

    private static ApogeeConnectionFactory factory() {
        ApogeeConnectionFactory factory = new ApogeeConnectionFactory("apogee://" + APACHE.namesrvAddress());
        factory.setPollTimeoutMillis(500);
        factory.setSendTimeoutMillis(5_000);
        return factory;
    }

    @Test
    void aUserAndPasswordSendAndReceive() throws Exception {
        try (Connection connection = factory().createConnection(USER, PASSWORD)) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue(topic);
            session.createProducer(queue).send(session.createTextMessage("signed"));
            TextMessage received = (TextMessage) session.createConsumer(queue).receive(30_000);
            assertEquals("signed", received.getText());
        }
    }

    @Test
    void theFactorysUserNameAndPasswordServeTheSimplifiedApi() {
        ApogeeConnectionFactory factory = factory();
        factory.setUserName(USER);
        factory.setPassword(PASSWORD);
        try (JMSContext context = factory.createContext()) {
            Queue queue = context.createQueue(topic);
            context.createProducer().send(queue, "bean");
            assertEquals("bean", context.createConsumer(queue).receiveBody(String.class, 30_000));
        }
    }

    @Test
    void aWrongPasswordOrNoneIsASecurityError() throws Exception {
        try (Connection connection = factory().createConnection(USER, "not-the-password")) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(topic));
            JMSSecurityException refused = assertThrows(JMSSecurityException.class,
                    () -> producer.send(session.createTextMessage("refused")));
            assertTrue(refused.getMessage().contains("refused"), refused.getMessage());
        }
        try (JMSContext anonymous = factory().createContext()) {
            assertThrows(JMSSecurityRuntimeException.class,
                    () -> anonymous.createProducer().send(anonymous.createQueue(topic), "anonymous"));
        }
    }
}
