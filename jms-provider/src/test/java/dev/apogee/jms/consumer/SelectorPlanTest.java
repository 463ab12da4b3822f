package dev.apogee.jms.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.client.pop.FilterExpression;
import dev.apogee.jms.message.ApogeeTextMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidSelectorException;
import org.junit.jupiter.api.Test;

/** The one place selectors become broker filters. */
class SelectorPlanTest {

    @Test
    void noSelectorIsEverything() throws Exception {
        assertEquals(FilterExpression.ALL, SelectorPlan.of(null).brokerFilter());
        assertEquals(FilterExpression.ALL, SelectorPlan.of("  ").brokerFilter());
        assertFalse(SelectorPlan.of(null).hasSelector());
    }

    @Test
    void aTypeOnlySelectorBecomesATagFilter() throws Exception {
        assertEquals(FilterExpression.tag("order"), SelectorPlan.of("JMSType = 'order'").brokerFilter());
        assertEquals(FilterExpression.tag("a || b"), SelectorPlan.of("JMSType IN ('a', 'b')").brokerFilter());
    }

    @Test
    void headersAreRewrittenToWhatTheBrokerSees() {
        assertEquals("(JMS_Apogee_Priority = 4 OR JMS_Apogee_Priority IS NULL)",
                SelectorPlan.toBrokerSql("JMSPriority = 4"));
        assertEquals("(JMS_Apogee_Priority > 6)", SelectorPlan.toBrokerSql("JMSPriority > 6"));
        assertEquals("JMS_Apogee_DeliveryMode IS NULL", SelectorPlan.toBrokerSql("JMSDeliveryMode = 'PERSISTENT'"));
        assertEquals("JMS_Apogee_DeliveryMode IS NOT NULL",
                SelectorPlan.toBrokerSql("JMSDeliveryMode = 'NON_PERSISTENT'"));
        assertEquals("JMS_Apogee_CorrelationID = 'c-1' AND amount > 10",
                SelectorPlan.toBrokerSql("JMSCorrelationID = 'c-1' AND amount > 10"));
        assertEquals("UNIQ_KEY = 'AB12'", SelectorPlan.toBrokerSql("JMSMessageID = 'ID:AB12'"));
    }

    @Test
    void whatTheBrokerWouldReadDifferentlyStaysOnTheClient() {
        assertNull(SelectorPlan.toBrokerSql("NOT a = 1"));
        assertNull(SelectorPlan.toBrokerSql("name LIKE 'a%'"));
        assertNull(SelectorPlan.toBrokerSql("a + 1 > 2"));
        assertNull(SelectorPlan.toBrokerSql("JMSTimestamp > 0"));
        assertNull(SelectorPlan.toBrokerSql("TAGS = 'x'"));
    }

    @Test
    void theClientEvaluatesHeadersAtTheirDefault() throws Exception {
        ApogeeTextMessage message = new ApogeeTextMessage();
        message.setJMSPriority(4);
        message.setJMSDeliveryMode(DeliveryMode.PERSISTENT);
        assertTrue(SelectorPlan.of("JMSPriority = 4 AND JMSDeliveryMode = 'PERSISTENT'").matches(message));
        assertFalse(SelectorPlan.of("JMSPriority > 4").matches(message));
    }

    @Test
    void aStringIsNeverANumberInJms() throws Exception {
        ApogeeTextMessage message = new ApogeeTextMessage();
        message.setStringProperty("amount", "5");
        assertFalse(SelectorPlan.of("amount = 5").matches(message));
        assertTrue(SelectorPlan.of("amount = '5'").matches(message));
    }

    @Test
    void aBadSelectorIsInvalid() {
        assertThrows(InvalidSelectorException.class, () -> SelectorPlan.of("a = "));
        assertThrows(InvalidSelectorException.class, () -> SelectorPlan.of("a LIKE 5"));
    }
}
