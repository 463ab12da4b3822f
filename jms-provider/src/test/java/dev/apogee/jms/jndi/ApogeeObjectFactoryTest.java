package dev.apogee.jms.jndi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.jms.ApogeeConnectionFactory;
import dev.apogee.jms.ApogeeQueue;
import dev.apogee.jms.ApogeeTemporaryQueue;
import dev.apogee.jms.ApogeeTopic;
import java.util.Collections;
import javax.naming.ConfigurationException;
import javax.naming.NamingException;
import javax.naming.Reference;
import javax.naming.StringRefAddr;
import org.junit.jupiter.api.Test;

/** Binding by reference: what getReference() writes, ApogeeObjectFactory reads back, as naming services do. */
class ApogeeObjectFactoryTest {

    private final ApogeeObjectFactory objects = new ApogeeObjectFactory();

    private Object read(Reference reference) throws Exception {
        return objects.getObjectInstance(reference, null, null, null);
    }

    @Test
    void aConnectionFactoryComesBackWithEverySettingButThePassword() throws Exception {
        ApogeeConnectionFactory factory = new ApogeeConnectionFactory("apogee://10.0.0.1:9876;10.0.0.2:9876");
        factory.setClientID("billing");
        factory.setPrefetch(8);
        factory.setInvisibleTimeMillis(45_000);
        factory.setMaxDeliveries(5);
        factory.setDeadLetterQueue("DLQ.billing");
        factory.setUserName("app");
        factory.setPassword("secret");
        Reference reference = factory.getReference();
        assertEquals(ApogeeObjectFactory.class.getName(), reference.getFactoryClassName());
        assertTrue(Collections.list(reference.getAll()).stream().noneMatch(a -> a.getType().equals("password")),
                "no password in a reference");

        ApogeeConnectionFactory back = assertInstanceOf(ApogeeConnectionFactory.class, read(reference));
        assertEquals(factory.settings(), back.settings());
        assertEquals("billing", back.getClientID());
        assertEquals("app", back.getUserName());
    }

    @Test
    void anApplicationServersResourceDefinitionMakesAFactory() throws Exception {
        // As Tomcat passes <Resource name="jms/cf" auth="Container" type="jakarta.jms.ConnectionFactory" .../>.
        Reference resource = new Reference("jakarta.jms.ConnectionFactory", ApogeeObjectFactory.class.getName(), null);
        resource.add(new StringRefAddr("auth", "Container"));
        resource.add(new StringRefAddr("url", "apogee://mq.example:9876"));
        resource.add(new StringRefAddr("clientID", "orders"));
        resource.add(new StringRefAddr("password", "secret"));
        ApogeeConnectionFactory factory = assertInstanceOf(ApogeeConnectionFactory.class, read(resource));
        assertEquals("apogee://mq.example:9876", factory.getUrl());
        assertEquals("orders", factory.getClientID());

        resource.add(new StringRefAddr("prefech", "8"));
        ConfigurationException typo = assertThrows(ConfigurationException.class, () -> read(resource));
        assertTrue(typo.getMessage().contains("prefech"), typo.getMessage());
    }

    @Test
    void queuesAndTopicsComeBackByNameAndTemporaryOnesCannotBeBound() throws Exception {
        assertEquals(new ApogeeQueue("orders"), read(new ApogeeQueue("orders").getReference()));
        assertEquals(new ApogeeTopic("prices"), read(new ApogeeTopic("prices").getReference()));
        Reference byType = new Reference("jakarta.jms.Queue", ApogeeObjectFactory.class.getName(), null);
        byType.add(new StringRefAddr("name", "invoices"));
        assertEquals(new ApogeeQueue("invoices"), read(byType));
        Reference nameless = new Reference("jakarta.jms.Topic", ApogeeObjectFactory.class.getName(), null);
        assertThrows(ConfigurationException.class, () -> read(nameless));

        assertThrows(NamingException.class, () -> new ApogeeTemporaryQueue("tmp", null).getReference());
        assertNull(read(new Reference("java.lang.String")), "not ours: left to other factories");
        assertNull(objects.getObjectInstance("not a reference", null, null, null));
        assertFalse(read(new ApogeeQueue("q").getReference()) instanceof ApogeeTopic);
    }
}
