package dev.apogee.broker.pop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PopReceiptTest {

    @Test
    void thePopTimeIsTheSecondField() {
        assertEquals(1_700_000_000_123L,
                PopReceipt.parse("5 1700000000123 30000 0 0 broker-a 2 7").popTime(), "the client's 8 fields");
        assertEquals(42L, PopReceipt.parse("5 42 30000 0 0 broker-a 2").popTime(), "the 7 of the pop answer");
    }

    @Test
    void malformedReceiptsAreRefusedWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PopReceipt.parse(null)).getMessage()
                .contains("missing"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PopReceipt.parse("5 42")).getMessage()
                .contains("2 fields"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PopReceipt.parse("5 soon 30000 0"))
                .getMessage().contains("no pop time"));
    }
}
