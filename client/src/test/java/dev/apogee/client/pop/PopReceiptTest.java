package dev.apogee.client.pop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PopReceiptTest {

    @Test
    void theTextFormRoundTripsInTheOfficialFieldOrder() {
        PopReceipt receipt = new PopReceipt(5, 1_700_000_000_000L, 30_000, 0, "0", "broker-a", 3, 7);
        assertEquals("5 1700000000000 30000 0 0 broker-a 3 7", receipt.extraInfo());
        assertEquals(receipt, PopReceipt.parse(receipt.extraInfo()));
        assertEquals(1_700_000_030_000L, receipt.invisibleUntil());
    }

    @Test
    void malformedReceiptsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> PopReceipt.parse("1 2 3"));
        assertThrows(IllegalArgumentException.class, () -> PopReceipt.parse("x 2 3 0 0 b 1 2"));
        assertThrows(IllegalArgumentException.class, () -> PopReceipt.parse("1 2 3 0 7 b 1 2"));
    }

    @Test
    void retryMarksNameTheTopicAcksGoTo() {
        assertEquals("0", PopReceipt.retryMarkOf("Orders"));
        assertEquals("1", PopReceipt.retryMarkOf("%RETRY%billing_Orders"));
        assertEquals("2", PopReceipt.retryMarkOf("%RETRY%billing+Orders"));
        assertEquals("%RETRY%billing_Orders", PopReceipt.retryTopic("billing", "Orders"));
        PopReceipt retried = new PopReceipt(0, 1, 2, 0, "1", "b", 0, 0);
        assertEquals("%RETRY%billing_Orders", retried.storedTopic("billing", "Orders"));
        assertEquals("%RETRY%billing+Orders", new PopReceipt(0, 1, 2, 0, "2", "b", 0, 0).storedTopic("billing", "Orders"));
        assertEquals("Orders", new PopReceipt(0, 1, 2, 0, "0", "b", 0, 0).storedTopic("billing", "Orders"));
    }

    @Test
    void aRenewedReceiptIsABatchOfOneWithTheNewTimes() {
        PopReceipt renewed = new PopReceipt(5, 100, 1_000, 0, "1", "b", 2, 9).renewed(200, 5_000, 1);
        assertEquals(new PopReceipt(9, 200, 5_000, 1, "1", "b", 2, 9), renewed);
    }

    @Test
    void startOffsetInfoOfApacheBrokersIsRead() {
        assertEquals(Map.of("0@1", 10L, "1@0", 3L), PopAnswers.parseOffsets("0 1 10;1 0 3"));
        assertEquals(Map.of(), PopAnswers.parseOffsets(null));
    }

    @Test
    void filterExpressionsListTheirTags() {
        assertEquals(java.util.Set.of("a", "b"), FilterExpression.tag(" a || b ").tags());
        assertEquals(java.util.Set.of(), FilterExpression.ALL.tags());
        assertEquals(java.util.Set.of(), FilterExpression.sql("x > 1").tags());
        assertThrows(IllegalArgumentException.class, () -> FilterExpression.tag(" "));
    }
}
