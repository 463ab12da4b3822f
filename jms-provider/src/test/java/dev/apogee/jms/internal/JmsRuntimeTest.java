package dev.apogee.jms.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidClientIDRuntimeException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.InvalidSelectorRuntimeException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.MessageNotWriteableRuntimeException;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.ResourceAllocationRuntimeException;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.TransactionInProgressRuntimeException;
import jakarta.jms.TransactionRolledBackException;
import jakarta.jms.TransactionRolledBackRuntimeException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JmsRuntimeTest {

    @Test
    void everyJmsExceptionBecomesItsRuntimeCounterpartKeepingMessageCodeAndCause() {
        Map<JMSException, Class<? extends JMSRuntimeException>> cases = Map.ofEntries(
                Map.entry(new IllegalStateException("m", "c"), IllegalStateRuntimeException.class),
                Map.entry(new InvalidClientIDException("m", "c"), InvalidClientIDRuntimeException.class),
                Map.entry(new InvalidDestinationException("m", "c"), InvalidDestinationRuntimeException.class),
                Map.entry(new InvalidSelectorException("m", "c"), InvalidSelectorRuntimeException.class),
                Map.entry(new JMSSecurityException("m", "c"), JMSSecurityRuntimeException.class),
                Map.entry(new MessageFormatException("m", "c"), MessageFormatRuntimeException.class),
                Map.entry(new MessageNotWriteableException("m", "c"), MessageNotWriteableRuntimeException.class),
                Map.entry(new ResourceAllocationException("m", "c"), ResourceAllocationRuntimeException.class),
                Map.entry(new TransactionInProgressException("m", "c"), TransactionInProgressRuntimeException.class),
                Map.entry(new TransactionRolledBackException("m", "c"), TransactionRolledBackRuntimeException.class),
                Map.entry(new MessageEOFException("m", "c"), JMSRuntimeException.class),
                Map.entry(new MessageNotReadableException("m", "c"), JMSRuntimeException.class),
                Map.entry(new JMSException("m", "c"), JMSRuntimeException.class));
        cases.forEach((checked, expected) -> {
            JMSRuntimeException translated = JmsRuntime.translate(checked);
            assertEquals(expected, translated.getClass(), checked.getClass().getName());
            assertEquals("m", translated.getMessage());
            assertEquals("c", translated.getErrorCode());
            assertSame(checked, translated.getCause());
        });
    }

    @Test
    void callAndRunTranslateAndPassResultsThrough() {
        assertEquals("x", JmsRuntime.call(() -> "x"));
        assertThrows(MessageFormatRuntimeException.class,
                () -> JmsRuntime.run(() -> {
                    throw new MessageFormatException("bad");
                }));
        RuntimeException unchecked = new IllegalArgumentException("as is");
        assertSame(unchecked, assertThrows(IllegalArgumentException.class, () -> JmsRuntime.call(() -> {
            throw unchecked;
        })));
    }
}
