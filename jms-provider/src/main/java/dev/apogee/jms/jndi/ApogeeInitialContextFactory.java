package dev.apogee.jms.jndi;

import dev.apogee.jms.ApogeeConnectionFactory;
import dev.apogee.jms.ApogeeQueue;
import dev.apogee.jms.ApogeeTopic;
import java.util.Hashtable;
import java.util.Map;
import java.util.TreeMap;
import javax.naming.ConfigurationException;
import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.spi.InitialContextFactory;

/**
 * A JNDI initial context factory for applications that look their JMS objects up by name. Everything comes
 * from the environment ({@code jndi.properties} on the class path, system properties, or the Hashtable given
 * to {@code new InitialContext(env)}); no naming server is involved:
 *
 * <pre>
 * java.naming.factory.initial = dev.apogee.jms.jndi.ApogeeInitialContextFactory
 * java.naming.provider.url    = apogee://127.0.0.1:9876
 * connectionFactory.jms/Orders = apogee://10.0.0.5:9876?clientID=orders   (or "?clientID=orders": provider url)
 * queue.jms/OrderQueue        = Orders
 * topic.jms/Prices            = Prices
 * </pre>
 *
 * <p>{@code ConnectionFactory}, {@code QueueConnectionFactory} and {@code TopicConnectionFactory} are bound
 * to a factory for the provider URL unless an entry names them; {@code dynamicQueues/X} and
 * {@code dynamicTopics/X} look up queue and topic {@code X} without an entry. The context is read-only.
 */
public class ApogeeInitialContextFactory implements InitialContextFactory {

    /** The prefix of a connection factory entry. */
    public static final String CONNECTION_FACTORY_PREFIX = "connectionFactory.";
    /** The prefix of a queue entry. */
    public static final String QUEUE_PREFIX = "queue.";
    /** The prefix of a topic entry. */
    public static final String TOPIC_PREFIX = "topic.";
    /** The names bound to the provider URL's factory unless an entry takes them. */
    public static final String[] DEFAULT_FACTORY_NAMES =
            {"ConnectionFactory", "QueueConnectionFactory", "TopicConnectionFactory"};

    /** A public no-arg constructor, as {@code InitialContext} needs. */
    public ApogeeInitialContextFactory() {
    }

    @Override
    public Context getInitialContext(Hashtable<?, ?> environment) throws NamingException {
        Hashtable<Object, Object> env = new Hashtable<>();
        if (environment != null) {
            env.putAll(environment);
        }
        return new ReadOnlyContext(bindings(env), env);
    }

    /** The objects the environment names, by JNDI name. */
    static Map<String, Object> bindings(Map<?, ?> env) throws NamingException {
        String providerUrl = env.get(Context.PROVIDER_URL) == null ? null : env.get(Context.PROVIDER_URL).toString();
        Map<String, Object> bound = new TreeMap<>();
        for (Map.Entry<?, ?> entry : env.entrySet()) {
            String key = String.valueOf(entry.getKey());
            String value = entry.getValue() == null ? "" : entry.getValue().toString().trim();
            if (key.startsWith(CONNECTION_FACTORY_PREFIX)) {
                String name = jndiName(key, CONNECTION_FACTORY_PREFIX);
                bound.put(name, FactoryConfig.factory(value, providerUrl, name));
            } else if (key.startsWith(QUEUE_PREFIX)) {
                bound.put(jndiName(key, QUEUE_PREFIX), destination(key, value, true));
            } else if (key.startsWith(TOPIC_PREFIX)) {
                bound.put(jndiName(key, TOPIC_PREFIX), destination(key, value, false));
            }
        }
        ApogeeConnectionFactory defaults = null;
        for (String name : DEFAULT_FACTORY_NAMES) {
            if (!bound.containsKey(name)) {
                if (defaults == null) {
                    defaults = FactoryConfig.factory("", providerUrl, name);
                }
                bound.put(name, defaults);
            }
        }
        return bound;
    }

    private static String jndiName(String key, String prefix) throws ConfigurationException {
        String name = key.substring(prefix.length()).trim();
        if (name.isEmpty()) {
            throw new ConfigurationException("no JNDI name in " + key);
        }
        return name;
    }

    private static Object destination(String key, String value, boolean queue) throws ConfigurationException {
        try {
            return queue ? new ApogeeQueue(value) : new ApogeeTopic(value);
        } catch (RuntimeException e) {
            ConfigurationException problem = new ConfigurationException(key + ": " + e.getMessage());
            problem.setRootCause(e);
            throw problem;
        }
    }
}
