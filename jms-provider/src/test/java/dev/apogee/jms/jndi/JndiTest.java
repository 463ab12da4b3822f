package dev.apogee.jms.jndi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.jms.ApogeeConnectionFactory;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.Topic;
import java.util.Collections;
import java.util.Hashtable;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.naming.Binding;
import javax.naming.ConfigurationException;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NameClassPair;
import javax.naming.NameNotFoundException;
import javax.naming.NotContextException;
import javax.naming.OperationNotSupportedException;
import org.junit.jupiter.api.Test;

/** The JNDI context a real InitialContext makes from the test class path's jndi.properties. */
class JndiTest {

    @Test
    void jndiPropertiesOnTheClassPathConfigureTheInitialContext() throws Exception {
        InitialContext context = new InitialContext();
        try {
            ApogeeConnectionFactory fast = (ApogeeConnectionFactory) context.lookup("jms/Fast");
            assertEquals("apogee://127.0.0.1:9876", fast.getUrl(), "the provider url's name servers");
            assertEquals(200, fast.getPollTimeoutMillis());
            assertEquals(3000, fast.getInvisibleTimeMillis());
            ApogeeConnectionFactory remote = (ApogeeConnectionFactory) context.lookup("jms/Remote");
            assertEquals("apogee://10.1.2.3:9876;10.1.2.4:9876", remote.getUrl());
            assertEquals("remote-app", remote.getClientID());
            assertEquals(5, remote.getMaxDeliveries());
            assertEquals("JndiOrders", ((Queue) context.lookup("jms/Orders")).getQueueName());
            assertEquals("JndiPrices", ((Topic) context.lookup("jms/Prices")).getTopicName());

            ConnectionFactory defaults = (ConnectionFactory) context.lookup("ConnectionFactory");
            assertEquals("apogee://127.0.0.1:9876", ((ApogeeConnectionFactory) defaults).getUrl());
            assertSame(defaults, context.lookup("QueueConnectionFactory"));
            assertInstanceOf(QueueConnectionFactory.class, context.lookup("TopicConnectionFactory"));
            assertEquals("Dyn", ((Queue) context.lookup("dynamicQueues/Dyn")).getQueueName());
            assertEquals("DynT", ((Topic) context.lookup("dynamicTopics/DynT")).getTopicName());
            assertEquals(fast.getUrl(), ((ApogeeConnectionFactory) context.lookup(
                    context.getNameParser("").parse("jms/Fast"))).getUrl(), "a Name is one flat name");
        } finally {
            context.close();
        }
    }

    @Test
    void theEnvironmentOverridesJndiPropertiesAndUnknownNamesAreNotFound() throws Exception {
        Hashtable<String, Object> env = new Hashtable<>();
        env.put(Context.PROVIDER_URL, "apogee://127.0.0.2:19876?sendTimeoutMillis=1234");
        env.put("queue.jms/Extra", "Extra");
        InitialContext context = new InitialContext(env);
        try {
            ApogeeConnectionFactory fast = (ApogeeConnectionFactory) context.lookup("jms/Fast");
            assertEquals("apogee://127.0.0.2:19876", fast.getUrl());
            assertEquals(1234, fast.getSendTimeoutMillis(), "the provider url's options");
            assertEquals(200, fast.getPollTimeoutMillis(), "and the entry's own");
            assertEquals("Extra", ((Queue) context.lookup("jms/Extra")).getQueueName());
            NameNotFoundException missing = assertThrows(NameNotFoundException.class,
                    () -> context.lookup("jms/Nothing"));
            assertTrue(missing.getMessage().contains("jms/Nothing"));
        } finally {
            context.close();
        }
    }

    @Test
    void listShowsEveryBindingAndTheContextIsReadOnly() throws Exception {
        InitialContext context = new InitialContext();
        try {
            Set<String> names = Collections.list(context.list("")).stream().map(NameClassPair::getName)
                    .collect(Collectors.toSet());
            assertEquals(Set.of("jms/Fast", "jms/Remote", "jms/Orders", "jms/Prices", "ConnectionFactory",
                    "QueueConnectionFactory", "TopicConnectionFactory"), names);
            Map<String, Object> bound = new TreeMap<>();
            for (Binding binding : Collections.list(context.listBindings(""))) {
                bound.put(binding.getName(), binding.getObject());
            }
            assertInstanceOf(Queue.class, bound.get("jms/Orders"));
            assertThrows(NotContextException.class, () -> context.list("jms/Orders"));
            assertThrows(NameNotFoundException.class, () -> context.list("jms/None"));
            assertThrows(OperationNotSupportedException.class, () -> context.bind("x", "y"));
            assertThrows(OperationNotSupportedException.class, () -> context.unbind("jms/Orders"));
            assertThrows(OperationNotSupportedException.class, () -> context.createSubcontext("sub"));
            assertInstanceOf(Context.class, context.lookup(""));
        } finally {
            context.close();
        }
    }

    @Test
    void badEntriesAreConfigurationErrors() {
        Hashtable<String, Object> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, ApogeeInitialContextFactory.class.getName());
        env.put(Context.PROVIDER_URL, "apogee://127.0.0.1:9876");
        env.put("connectionFactory.bad", "?noSuchProperty=1");
        assertThrows(ConfigurationException.class, () -> new ApogeeInitialContextFactory().getInitialContext(env));
        env.put("connectionFactory.bad", "?maxDeliveries=many");
        assertThrows(ConfigurationException.class, () -> new ApogeeInitialContextFactory().getInitialContext(env));
        env.put("connectionFactory.bad", "http://nope");
        assertThrows(ConfigurationException.class, () -> new ApogeeInitialContextFactory().getInitialContext(env));
        env.remove("connectionFactory.bad");
        env.put("queue.", "x");
        assertThrows(ConfigurationException.class, () -> new ApogeeInitialContextFactory().getInitialContext(env));
        assertNull(System.getProperty(Context.INITIAL_CONTEXT_FACTORY), "jndi.properties, not a system property");
    }
}
