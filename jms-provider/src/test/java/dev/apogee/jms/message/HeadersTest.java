package dev.apogee.jms.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.apogee.jms.ApogeeQueue;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Header fields (3.4) and acknowledge(). */
class HeadersTest {

    @Test
    void newMessageHasTheDefaults() {
        ApogeeMessage message = new ApogeeMessage();
        assertEquals(DeliveryMode.PERSISTENT, message.getJMSDeliveryMode());
        assertEquals(Message.DEFAULT_PRIORITY, message.getJMSPriority());
        assertEquals(0, message.getJMSExpiration());
        assertNull(message.getJMSMessageID());
        assertNull(message.getJMSCorrelationID());
    }

    @Test
    void headersKeepWhatIsSet() {
        ApogeeMessage message = new ApogeeMessage();
        ApogeeQueue queue = new ApogeeQueue("orders");
        message.setJMSDestination(queue);
        message.setJMSReplyTo(queue);
        message.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);
        message.setJMSPriority(9);
        message.setJMSExpiration(5);
        message.setJMSDeliveryTime(6);
        message.setJMSTimestamp(4);
        message.setJMSType("t");
        message.setJMSMessageID("ID:x");
        message.setJMSRedelivered(true);
        assertSame(queue, message.getJMSDestination());
        assertSame(queue, message.getJMSReplyTo());
        assertEquals(DeliveryMode.NON_PERSISTENT, message.getJMSDeliveryMode());
        assertEquals(9, message.getJMSPriority());
        assertEquals(5, message.getJMSExpiration());
        assertEquals(6, message.getJMSDeliveryTime());
        assertEquals(4, message.getJMSTimestamp());
        assertEquals("t", message.getJMSType());
        assertEquals("ID:x", message.getJMSMessageID());
        assertEquals(true, message.getJMSRedelivered());
        assertThrows(IllegalArgumentException.class, () -> message.setJMSPriority(10));
        assertThrows(IllegalArgumentException.class, () -> message.setJMSDeliveryMode(3));
    }

    @Test
    void correlationIdBytesRoundTripEveryByte() {
        ApogeeMessage message = new ApogeeMessage();
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        message.setJMSCorrelationIDAsBytes(all);
        assertArrayEquals(all, message.getJMSCorrelationIDAsBytes());
        message.setJMSCorrelationID("abc");
        assertArrayEquals(new byte[] {'a', 'b', 'c'}, message.getJMSCorrelationIDAsBytes());
    }

    @Test
    void acknowledgeCallsTheRuntimesHookOrNothing() throws Exception {
        ApogeeMessage message = new ApogeeMessage();
        message.acknowledge(); // no hook: nothing happens, nothing is thrown
        List<ApogeeMessage> acknowledged = new ArrayList<>();
        message.setAcknowledger(acknowledged::add);
        message.acknowledge();
        assertEquals(List.of(message), acknowledged);
    }
}
