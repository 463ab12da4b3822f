package dev.apogee.jms.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.jms.ObjectMessageTrust;
import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TextMessage, ObjectMessage, the body-less Message, and getBody/isBodyAssignableTo (3.11, 3.12). */
class TextAndObjectMessageTest {

    /** A class outside the default trust. */
    record Order(String id) implements Serializable {
    }

    @Test
    void textBody() throws Exception {
        ApogeeTextMessage message = new ApogeeTextMessage();
        assertNull(message.getBody(Integer.class));
        message.setText("hi");
        assertEquals("hi", message.getBody(String.class));
        assertEquals("hi", message.getBody(CharSequence.class));
        assertTrue(message.isBodyAssignableTo(Object.class));
        assertFalse(message.isBodyAssignableTo(byte[].class));
        assertThrows(MessageFormatException.class, () -> message.getBody(byte[].class));
        message.markReceived();
        assertThrows(MessageNotWriteableException.class, () -> message.setText("no"));
        message.clearBody();
        assertNull(message.getText());
        message.setText("yes");
        assertEquals("yes", message.getText());
    }

    @Test
    void messageWithoutBody() throws Exception {
        ApogeeMessage message = new ApogeeMessage();
        assertNull(message.getBody(String.class));
        assertTrue(message.isBodyAssignableTo(Integer.class));
        message.clearBody();
        assertEquals(BodyType.MESSAGE, message.bodyType());
    }

    @Test
    void objectIsCopiedWhenSet() throws Exception {
        ApogeeObjectMessage message = new ApogeeObjectMessage(ObjectMessageTrust.fromSystemProperties());
        ArrayList<String> list = new ArrayList<>(List.of("a"));
        message.setObject(list);
        list.add("b");
        assertEquals(List.of("a"), message.getObject());
        assertNotSame(message.getObject(), message.getObject());
        assertEquals(List.of("a"), message.getBody(List.class));
        assertTrue(message.isBodyAssignableTo(ArrayList.class));
        assertFalse(message.isBodyAssignableTo(String.class));
        assertThrows(MessageFormatException.class, () -> message.getBody(String.class));
    }

    @Test
    void offListClassesAreRefused() throws Exception {
        ApogeeObjectMessage message = new ApogeeObjectMessage(ObjectMessageTrust.of("java.lang"));
        message.setObject(new Order("o-1"));
        JMSException refused = assertThrows(JMSException.class, message::getObject);
        assertTrue(refused.getMessage().contains("not trusted"), refused.getMessage());
        assertFalse(message.isBodyAssignableTo(Order.class)); // deserialization fails: false, no exception
        message.setTrust(ObjectMessageTrust.of(Order.class.getName()));
        assertEquals(new Order("o-1"), message.getObject());
        message.setTrust(ObjectMessageTrust.of("dev.apogee.*"));
        assertEquals(new Order("o-1"), message.getObject());
    }

    @Test
    void nonSerializableContentIsAFormatError() {
        ApogeeObjectMessage message = new ApogeeObjectMessage();
        ArrayList<Object> list = new ArrayList<>();
        list.add(new Object());
        assertThrows(MessageFormatException.class, () -> message.setObject(list));
    }

    @Test
    void trustEntries() {
        ObjectMessageTrust trust = ObjectMessageTrust.of("java.util", "com.example.Order", "org.acme.*");
        assertTrue(trust.trusts("java.util.ArrayList"));
        assertFalse(trust.trusts("java.util.concurrent.ConcurrentHashMap"));
        assertTrue(trust.trusts("com.example.Order"));
        assertFalse(trust.trusts("com.example.Other"));
        assertTrue(trust.trusts("org.acme.deep.Thing"));
        assertTrue(ObjectMessageTrust.of("*").trusts("anything.At.All"));
    }
}
