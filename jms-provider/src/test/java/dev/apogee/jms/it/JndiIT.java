package dev.apogee.jms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import java.util.Hashtable;
import javax.naming.Context;
import javax.naming.InitialContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A legacy application's start: look the factory and the queue up in JNDI, then send and receive. */
@Timeout(60)
class JndiIT {

    @Test
    void objectsLookedUpInJndiSendAndReceive() throws Exception {
        Hashtable<String, Object> env = new Hashtable<>();
        // The rest comes from the test class path's jndi.properties.
        env.put(Context.PROVIDER_URL, "apogee://" + JmsCluster.cluster().namesrvAddress());
        InitialContext naming = new InitialContext(env);
        try {
            ConnectionFactory factory = (ConnectionFactory) naming.lookup("jms/Fast");
            Queue orders = (Queue) naming.lookup("jms/Orders");
            Queue dynamic = (Queue) naming.lookup("dynamicQueues/" + JmsCluster.unique("jndi"));
            try (JMSContext context = factory.createContext()) {
                context.createProducer().send(orders, "via jndi").send(dynamic, "dynamic");
                assertEquals("via jndi", context.createConsumer(orders).receiveBody(String.class, 10_000));
                assertEquals("dynamic", context.createConsumer(dynamic).receiveBody(String.class, 10_000));
            }
            try (JMSContext context = ((ConnectionFactory) naming.lookup("ConnectionFactory")).createContext()) {
                context.createProducer().send(orders, "default factory");
                assertEquals("default factory", context.createConsumer(orders).receiveBody(String.class, 10_000));
            }
        } finally {
            naming.close();
        }
    }
}
