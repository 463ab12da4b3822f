package dev.apogee.jms.jndi;

import dev.apogee.jms.ApogeeConnectionFactory;
import dev.apogee.jms.ApogeeQueue;
import dev.apogee.jms.ApogeeTopic;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.Set;
import javax.naming.ConfigurationException;
import javax.naming.Context;
import javax.naming.Name;
import javax.naming.NamingException;
import javax.naming.RefAddr;
import javax.naming.Reference;
import javax.naming.spi.ObjectFactory;

/**
 * Rebuilds Apogee's JMS objects from naming references: the ones {@code getReference()} of the connection
 * factory, a queue or a topic made, and the resource definitions of application servers that name this class
 * as their factory (Tomcat's {@code <Resource type="jakarta.jms.ConnectionFactory"
 * factory="dev.apogee.jms.jndi.ApogeeObjectFactory" url="apogee://host:9876" clientID="app"/>}, whose
 * attributes arrive as the reference's addresses). A connection factory takes every address as a bean
 * property; a destination takes {@code name}.
 */
public final class ApogeeObjectFactory implements ObjectFactory {

    /** The address holding a destination's name. */
    public static final String NAME = "name";

    private static final Set<String> FACTORY_TYPES = Set.of(ApogeeConnectionFactory.class.getName(),
            "jakarta.jms.ConnectionFactory", "jakarta.jms.QueueConnectionFactory", "jakarta.jms.TopicConnectionFactory");
    private static final Set<String> QUEUE_TYPES = Set.of(ApogeeQueue.class.getName(), "jakarta.jms.Queue");
    private static final Set<String> TOPIC_TYPES = Set.of(ApogeeTopic.class.getName(), "jakarta.jms.Topic");
    /** What application servers add to a resource's reference about the resource itself, not its settings. */
    private static final Set<String> CONTAINER_ATTRIBUTES = Set.of("auth", "scope", "description", "factory", "type",
            "singleton", "closeMethod", "name");

    /** Public and without arguments: naming services make it by reflection. */
    public ApogeeObjectFactory() {
    }

    /**
     * The object {@code reference} describes, or null (as the contract asks) for anything that is not a
     * reference to one of Apogee's objects, so other factories may try.
     *
     * @throws ConfigurationException if a connection factory property is unknown or invalid, or a
     *                                destination has no name
     */
    @Override
    public Object getObjectInstance(Object reference, Name name, Context context, Hashtable<?, ?> environment)
            throws NamingException {
        if (!(reference instanceof Reference ref)) {
            return null;
        }
        String where = name == null ? ref.getClassName() : name.toString();
        String type = ref.getClassName();
        if (FACTORY_TYPES.contains(type)) {
            ApogeeConnectionFactory factory = new ApogeeConnectionFactory();
            for (Enumeration<RefAddr> all = ref.getAll(); all.hasMoreElements(); ) {
                RefAddr address = all.nextElement();
                if (!CONTAINER_ATTRIBUTES.contains(address.getType()) && address.getContent() != null) {
                    FactoryConfig.set(factory, address.getType(), address.getContent().toString(), where);
                }
            }
            return factory;
        }
        if (QUEUE_TYPES.contains(type)) {
            return new ApogeeQueue(destinationName(ref, where));
        }
        if (TOPIC_TYPES.contains(type)) {
            return new ApogeeTopic(destinationName(ref, where));
        }
        return null;
    }

    private static String destinationName(Reference ref, String where) throws ConfigurationException {
        RefAddr address = ref.get(NAME);
        // Resource definitions may call it the physical name, as other providers' factories do.
        if (address == null) {
            address = ref.get("physicalName");
        }
        if (address == null || address.getContent() == null || address.getContent().toString().isEmpty()) {
            throw new ConfigurationException("destination " + where + " has no name (an address '" + NAME + "')");
        }
        return address.getContent().toString();
    }
}
