package dev.apogee.jms.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.apogee.jms.ApogeeQueue;
import dev.apogee.jms.ApogeeTemporaryTopic;
import dev.apogee.jms.ObjectMessageTrust;
import jakarta.jms.BytesMessage;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Another provider's messages and destinations, copied for sending (3.13 of the specification). */
class ForeignMessagesTest {

    private final MessageMapper mapper = new MessageMapper(ObjectMessageTrust.fromSystemProperties());

    /** Another provider's message: our own class behind a proxy, so only the interface is visible. */
    @SuppressWarnings("unchecked")
    private static <T extends Message> T foreign(Class<T> type, ApogeeMessage inner) {
        return (T) Proxy.newProxyInstance(ForeignMessagesTest.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    try {
                        return method.invoke(inner, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static Queue foreignQueue(String name) {
        return (Queue) Proxy.newProxyInstance(ForeignMessagesTest.class.getClassLoader(), new Class<?>[] {Queue.class},
                (proxy, method, args) -> method.getName().equals("getQueueName") ? name : null);
    }

    @Test
    void aForeignTextMessageIsSentWithHeadersAndProperties() throws Exception {
        ApogeeTextMessage inner = new ApogeeTextMessage("from elsewhere");
        inner.setJMSType("t");
        inner.setJMSCorrelationID("c-1");
        inner.setIntProperty("n", 5);
        inner.setDeliveryCount(4); // a provider-set JMSX property: not copied
        TextMessage foreign = foreign(TextMessage.class, inner);
        foreign.setJMSDestination(foreignQueue("orders"));

        ApogeeMessage copy = ForeignMessages.toApogee(foreign, ObjectMessageTrust.fromSystemProperties());
        assertEquals("from elsewhere", ((TextMessage) copy).getText());
        assertEquals(new ApogeeQueue("orders"), copy.getJMSDestination());
        assertEquals("t", copy.getJMSType());
        assertEquals("c-1", copy.getJMSCorrelationID());
        assertEquals(List.of("n"), Collections.list(copy.getPropertyNames()));

        ApogeeMessage received = mapper.fromView(Deliveries.deliver(mapper.toClientMessage(foreign), 0), null);
        assertEquals("from elsewhere", ((TextMessage) received).getText());
        assertEquals(5, received.getIntProperty("n"));
    }

    @Test
    void foreignBytesAndMapBodiesAreCopied() throws Exception {
        ApogeeBytesMessage bytes = new ApogeeBytesMessage();
        bytes.writeBytes(new byte[] {1, 2, 3});
        ApogeeMessage bytesCopy = ForeignMessages.toApogee(foreign(BytesMessage.class, bytes), null);
        assertArrayEquals(new byte[] {1, 2, 3}, bytesCopy.getBody(byte[].class));

        ApogeeMapMessage map = new ApogeeMapMessage();
        map.setInt("a", 1);
        ApogeeMessage mapCopy = ForeignMessages.toApogee(foreign(MapMessage.class, map), null);
        assertEquals(1, ((MapMessage) mapCopy).getInt("a"));
    }

    @Test
    void apogeeMessagesAreNotCopied() throws Exception {
        ApogeeMessage message = new ApogeeMessage();
        assertSame(message, ForeignMessages.toApogee(message, null));
    }

    @Test
    void foreignDestinationsBecomeApogeeOnesOfTheSameKind() throws Exception {
        TemporaryTopic temporary = (TemporaryTopic) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {TemporaryTopic.class},
                (proxy, method, args) -> method.getName().equals("getTopicName") ? "tmp-1" : null);
        assertEquals(new ApogeeTemporaryTopic("tmp-1", null), DestinationCodec.toApogee(temporary));
        assertInstanceOf(ApogeeQueue.class, DestinationCodec.toApogee(foreignQueue("q")));
        Destination neither = new Destination() {
        };
        org.junit.jupiter.api.Assertions.assertThrows(JMSException.class, () -> DestinationCodec.toApogee(neither));
        assertFalse(new ApogeeTemporaryTopic("x", null).equals(new dev.apogee.jms.ApogeeTopic("x")));
    }
}
