package dev.apogee.selector.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JmsWireResolverTest {

    private static JmsWireResolver resolver(Map<String, String> wire) {
        return new JmsWireResolver(wire::get, 1_000L, () -> "OFFSETID");
    }

    @Test
    void headersAtTheirDefaultsWhenNothingIsWritten() {
        JmsWireResolver values = resolver(Map.of("TAGS", "order"));
        assertEquals("PERSISTENT", values.value("JMSDeliveryMode"));
        assertEquals(4, values.value("JMSPriority"));
        assertEquals(1_000L, values.value("JMSTimestamp"));
        assertEquals("order", values.value("JMSType"));
        assertNull(values.value("JMSCorrelationID"));
        assertEquals("ID:OFFSETID", values.value("JMSMessageID"), "no unique id: the offset id");
    }

    @Test
    void headersAsTheProviderWroteThem() {
        Map<String, String> wire = new HashMap<>();
        wire.put(JmsWire.DELIVERY_MODE, "1");
        wire.put(JmsWire.PRIORITY, "9");
        wire.put(JmsWire.TIMESTAMP, "0");
        wire.put(JmsWire.TYPE, "%0020");
        wire.put(JmsWire.CORRELATION_ID, "a%0001b");
        wire.put(JmsWire.UNIQUE_KEY, "U1");
        JmsWireResolver values = resolver(wire);
        assertEquals("NON_PERSISTENT", values.value("JMSDeliveryMode"));
        assertEquals(9, values.value("JMSPriority"));
        assertEquals(0L, values.value("JMSTimestamp"));
        assertEquals(" ", values.value("JMSType"), "an escaped type wins over the tags");
        assertEquals("a\u0001b", values.value("JMSCorrelationID"));
        assertEquals("ID:U1", values.value("JMSMessageID"));
        wire.put(JmsWire.PRIORITY, "12");
        assertEquals(4, resolver(wire).value("JMSPriority"), "out of range: the default, as the provider reads it");
    }

    @Test
    void propertiesAreTypedAgain() {
        Map<String, String> wire = new HashMap<>();
        wire.put("n", "42");
        wire.put("f", "1.5");
        wire.put("flag", "true");
        wire.put("s", "42");
        wire.put("blank", "%0020");
        wire.put("gone", "null");
        wire.put("broken", "x");
        wire.put(JmsWire.TYPES, "n:J,f:F,flag:Z,blank:X,gone:N,broken:I");
        JmsWireResolver values = resolver(wire);
        assertEquals(42L, values.value("n"));
        assertEquals(1.5f, values.value("f"));
        assertEquals(Boolean.TRUE, values.value("flag"));
        assertEquals("42", values.value("s"), "untyped: a String");
        assertEquals(" ", values.value("blank"));
        assertNull(values.value("gone"));
        assertEquals("x", values.value("broken"), "a typed value that does not parse stays the String");
        assertNull(values.value("absent"));
    }

    @Test
    void typeMapsAndEscapesDecode() {
        assertEquals(Map.of("a", 'J', "b_c", 'X'), JmsWire.parseTypes("a:J,b_c:X,bad,:Z,"));
        assertEquals("", JmsWire.decodeText("%"));
        assertEquals("50%", JmsWire.decodeText("50%0025"));
        assertEquals("%zz", JmsWire.decodeText("%zz"), "not an escape: kept");
    }
}
