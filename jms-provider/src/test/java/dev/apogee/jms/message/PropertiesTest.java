package dev.apogee.jms.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Message properties: Jakarta Messaging 3.1 section 3.5 and the Message javadoc's conversion table. */
class PropertiesTest {

    private final ApogeeMessage message = new ApogeeMessage();

    @Test
    void valuesReadAsWiderTypesAndStrings() throws Exception {
        message.setByteProperty("b", (byte) 7);
        assertEquals(7, message.getByteProperty("b"));
        assertEquals(7, message.getShortProperty("b"));
        assertEquals(7, message.getIntProperty("b"));
        assertEquals(7L, message.getLongProperty("b"));
        assertEquals("7", message.getStringProperty("b"));
        message.setShortProperty("s", (short) 300);
        assertEquals(300, message.getIntProperty("s"));
        assertEquals(300L, message.getLongProperty("s"));
        message.setIntProperty("i", 70000);
        assertEquals(70000L, message.getLongProperty("i"));
        message.setFloatProperty("f", 1.5f);
        assertEquals(1.5d, message.getDoubleProperty("f"));
        assertEquals("1.5", message.getStringProperty("f"));
        message.setBooleanProperty("z", true);
        assertEquals("true", message.getStringProperty("z"));
        assertEquals(Boolean.TRUE, message.getObjectProperty("z"));
    }

    @Test
    void narrowingAndCrossKindConversionsAreFormatErrors() throws Exception {
        message.setLongProperty("l", 1);
        assertThrows(MessageFormatException.class, () -> message.getIntProperty("l"));
        assertThrows(MessageFormatException.class, () -> message.getDoubleProperty("l"));
        assertThrows(MessageFormatException.class, () -> message.getBooleanProperty("l"));
        message.setDoubleProperty("d", 1);
        assertThrows(MessageFormatException.class, () -> message.getFloatProperty("d"));
        assertThrows(MessageFormatException.class, () -> message.getLongProperty("d"));
        message.setBooleanProperty("z", true);
        assertThrows(MessageFormatException.class, () -> message.getByteProperty("z"));
        message.setShortProperty("s", (short) 1);
        assertThrows(MessageFormatException.class, () -> message.getByteProperty("s"));
    }

    @Test
    void stringsParseThroughValueOf() throws Exception {
        message.setStringProperty("n", "42");
        assertEquals(42, message.getIntProperty("n"));
        assertEquals(42.0, message.getDoubleProperty("n"));
        message.setStringProperty("word", "abc");
        assertThrows(NumberFormatException.class, () -> message.getIntProperty("word"));
        assertFalse(message.getBooleanProperty("word"));
        message.setStringProperty("t", "TRUE");
        assertTrue(message.getBooleanProperty("t"));
    }

    @Test
    void missingPropertiesReadAsValueOfNull() throws Exception {
        assertNull(message.getStringProperty("none"));
        assertNull(message.getObjectProperty("none"));
        assertFalse(message.getBooleanProperty("none"));
        assertThrows(NumberFormatException.class, () -> message.getByteProperty("none"));
        assertThrows(NumberFormatException.class, () -> message.getShortProperty("none"));
        assertThrows(NumberFormatException.class, () -> message.getIntProperty("none"));
        assertThrows(NumberFormatException.class, () -> message.getLongProperty("none"));
        assertThrows(NullPointerException.class, () -> message.getFloatProperty("none"));
        assertThrows(NullPointerException.class, () -> message.getDoubleProperty("none"));
        assertFalse(message.propertyExists("none"));
    }

    @Test
    void setObjectPropertyTakesOnlyPrimitivesAndStrings() throws Exception {
        message.setObjectProperty("i", 5);
        assertEquals(5, message.getIntProperty("i"));
        assertThrows(MessageFormatException.class, () -> message.setObjectProperty("c", 'x'));
        assertThrows(MessageFormatException.class, () -> message.setObjectProperty("a", new byte[1]));
        assertThrows(MessageFormatException.class, () -> message.setObjectProperty("l", List.of()));
        message.setObjectProperty("nothing", null);
        assertTrue(message.propertyExists("nothing"));
        assertNull(message.getStringProperty("nothing"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1abc", "a-b", "a b", "NULL", "true", "False", "not", "AND", "or", "Between",
            "like", "IN", "is", "escape", "JMSXUserID", "JMSXDeliveryCount", "JMSCorrelationID", "JMSFoo",
            "JMS_Apogee_BodyType"})
    void invalidNamesAreRefused(String name) {
        assertThrows(IllegalArgumentException.class, () -> message.setStringProperty(name, "v"));
    }

    @Test
    void nullNameIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> message.setIntProperty(null, 1));
    }

    @Test
    void validNamesIncludeUnicodeJmsxGroupAndVendorNames() throws Exception {
        message.setStringProperty("région_1$", "eu");
        message.setStringProperty("JMSXGroupID", "g");
        message.setIntProperty("JMSXGroupSeq", 3);
        message.setStringProperty("JMS_IBM_Format", "x");
        message.setStringProperty(ProviderProperties.KEYS, "k1 k2");
        message.setStringProperty("TAGS", "a RocketMQ name, escaped on the wire");
        assertEquals(List.of("région_1$", "JMSXGroupID", "JMSXGroupSeq", "JMS_IBM_Format", "JMS_Apogee_Keys", "TAGS"),
                Collections.list(message.getPropertyNames()));
        assertThrows(MessageFormatException.class, () -> message.setStringProperty("JMSXGroupSeq", "3"));
    }

    @Test
    void deliveryCountIsAJmsxPropertyAndSetsRedelivered() throws Exception {
        message.setDeliveryCount(1);
        assertEquals(1, message.getIntProperty("JMSXDeliveryCount"));
        assertFalse(message.getJMSRedelivered());
        message.setDeliveryCount(3);
        assertTrue(message.getJMSRedelivered());
        assertTrue(Collections.list(message.getPropertyNames()).contains("JMSXDeliveryCount"));
    }

    @Test
    void receivedPropertiesAreReadOnlyUntilCleared() throws Exception {
        message.setStringProperty("a", "1");
        message.markReceived();
        assertThrows(MessageNotWriteableException.class, () -> message.setStringProperty("b", "2"));
        assertThrows(MessageNotWriteableException.class, () -> message.setObjectProperty("a", 2));
        assertEquals("1", message.getStringProperty("a"));
        message.clearProperties();
        assertFalse(message.propertyExists("a"));
        message.setStringProperty("b", "2");
        assertEquals("2", message.getStringProperty("b"));
    }

    @Test
    void clearPropertiesKeepsHeadersAndBody() throws Exception {
        ApogeeTextMessage text = new ApogeeTextMessage("body");
        text.setJMSType("t");
        text.setStringProperty("a", "1");
        text.clearProperties();
        assertEquals("t", text.getJMSType());
        assertEquals("body", text.getText());
        assertFalse(text.getPropertyNames().hasMoreElements());
    }
}
