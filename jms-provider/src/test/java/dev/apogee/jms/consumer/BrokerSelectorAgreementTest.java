package dev.apogee.jms.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.client.message.MessageView;
import dev.apogee.client.pop.FilterExpression;
import dev.apogee.jms.ApogeeQueue;
import dev.apogee.jms.ObjectMessageTrust;
import dev.apogee.jms.message.ApogeeMessage;
import dev.apogee.jms.message.ApogeeTextMessage;
import dev.apogee.jms.message.Deliveries;
import dev.apogee.jms.message.MessageMapper;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.selector.Selector;
import dev.apogee.selector.SelectorDialect;
import dev.apogee.selector.jms.JmsWireResolver;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The broker's verdict on a JMS selector (the selector rewritten to wire names, evaluated by the broker's
 * engine over the stored properties) is the provider's verdict on the received message, for every message
 * and selector here: the promise that lets the broker filter JMS consumers.
 */
class BrokerSelectorAgreementTest {

    private static final ApogeeQueue QUEUE = new ApogeeQueue("Orders");
    private final MessageMapper mapper = new MessageMapper(ObjectMessageTrust.fromSystemProperties());

    private static final List<String> SELECTORS = List.of(
            "amount > 40", "amount = 42", "amount = '42'", "code = 7", "code = '7'", "ratio BETWEEN 1 AND 2",
            "ratio * 2 > 2.5", "-amount < -41", "amount / 4 = 10.5", "flag", "NOT flag", "flag = TRUE",
            "region IN ('eu', 'us')", "region NOT IN ('eu')", "region LIKE 'e_'", "region NOT LIKE '%u'",
            "path LIKE 'a\\_%' ESCAPE '\\'", "blank = ' '", "empty = ''", "odd = 'a%b'", "nothing IS NULL",
            "missing IS NULL", "missing = 1 OR amount = 42", "NOT (missing = 1)", "missing = 1 AND amount = 0",
            "TAGS = 'x'", "KEYS IS NOT NULL", "JMSXGroupID = 'g1'", "JMSXGroupSeq >= 2",
            "JMSPriority = 4", "JMSPriority > 6", "JMSPriority BETWEEN 0 AND 3", "JMSDeliveryMode = 'PERSISTENT'",
            "JMSDeliveryMode = 'NON_PERSISTENT'", "JMSType = 'order'", "JMSType LIKE 'ord%'", "JMSType IS NULL",
            "JMSType = ' '", "JMSCorrelationID = 'c 1'", "JMSCorrelationID LIKE 'c%'", "JMSCorrelationID IS NULL",
            "JMSMessageID LIKE 'ID:%'", "JMSTimestamp = 0", "JMSTimestamp > 0", "small = 3", "tiny < 0",
            "big > 1E10", "fraction <> 0.25", "letters = 'abc' AND NOT (amount + 1 > 43 OR ratio < 1)");

    private List<ApogeeTextMessage> messages() throws JMSException {
        List<ApogeeTextMessage> messages = new ArrayList<>();
        ApogeeTextMessage typed = new ApogeeTextMessage("one");
        typed.setLongProperty("amount", 42);
        typed.setStringProperty("code", "7");
        typed.setDoubleProperty("ratio", 1.5);
        typed.setBooleanProperty("flag", true);
        typed.setStringProperty("region", "eu");
        typed.setStringProperty("path", "a_b");
        typed.setStringProperty("blank", " ");
        typed.setStringProperty("empty", "");
        typed.setStringProperty("odd", "a%b");
        typed.setObjectProperty("nothing", null);
        typed.setStringProperty("TAGS", "x");
        typed.setStringProperty("KEYS", "k");
        typed.setStringProperty("JMSXGroupID", "g1");
        typed.setIntProperty("JMSXGroupSeq", 3);
        typed.setShortProperty("small", (short) 3);
        typed.setByteProperty("tiny", (byte) -1);
        typed.setLongProperty("big", 20_000_000_000L);
        typed.setFloatProperty("fraction", 0.25f);
        typed.setStringProperty("letters", "abc");
        typed.setJMSType("order");
        typed.setJMSCorrelationID("c 1");
        typed.setJMSPriority(7);
        messages.add(typed);

        ApogeeTextMessage plain = new ApogeeTextMessage("two");
        plain.setStringProperty("amount", "42");
        plain.setIntProperty("code", 7);
        plain.setFloatProperty("ratio", 0.5f);
        plain.setBooleanProperty("flag", false);
        plain.setStringProperty("region", "us");
        plain.setStringProperty("letters", "abc");
        plain.setJMSType(" ");
        plain.setJMSPriority(0);
        plain.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);
        messages.add(plain);

        messages.add(new ApogeeTextMessage("bare"));
        return messages;
    }

    @Test
    void theBrokerDecidesAsTheProviderDoes() throws Exception {
        int matched = 0;
        int rejected = 0;
        for (ApogeeTextMessage original : messages()) {
            original.setJMSDestination(QUEUE);
            original.setJMSTimestamp(original.getText().equals("bare") ? 0 : Deliveries.BORN);
            MessageView stored = Deliveries.deliver(mapper.toClientMessage(original), 0);
            ApogeeMessage received = mapper.fromView(stored, QUEUE);
            for (String selector : SELECTORS) {
                SelectorPlan plan = SelectorPlan.of(selector);
                String wire = SelectorPlan.toWireSelector(selector);
                assertNotNull(wire, selector + " is pushed down");
                boolean provider = plan.matches(received);
                boolean broker = Selector.parse(wire, SelectorDialect.JMS).matches(new JmsWireResolver(
                        stored.properties()::get, stored.bornTimestamp(), stored::offsetMessageId));
                assertEquals(provider, broker, "'" + selector + "' (broker: '" + wire + "') on " + original.getText());
                if (provider) {
                    matched++;
                } else {
                    rejected++;
                }
            }
        }
        assertTrue(matched > 30 && rejected > 30, "both outcomes are exercised: " + matched + "/" + rejected);
    }

    @Test
    void identifiersAreRewrittenAndNothingElse() {
        assertEquals("JMS_Apogee_P_TAGS = 'x' AND amount > 1.5E3 AND s = 'TAGS'",
                SelectorPlan.toWireSelector("TAGS = 'x' AND amount > 1.5E3 AND s = 'TAGS'"));
        assertEquals("JMSPriority > 4 AND JMSXGroupID = 'it''s'",
                SelectorPlan.toWireSelector("JMSPriority > 4 AND JMSXGroupID = 'it''s'"));
        assertEquals("x > 0x1F", SelectorPlan.toWireSelector("x > 0x1F"));
    }

    @Test
    void whatOnlyTheReceiverKnowsIsNotPushedDown() throws Exception {
        assertNull(SelectorPlan.toWireSelector("JMSXDeliveryCount > 1"));
        assertNull(SelectorPlan.toWireSelector("JMSExpiration > 0"));
        assertNull(SelectorPlan.toWireSelector("JMS_Apogee_Keys = 'k'"));
        SelectorPlan plan = SelectorPlan.of("JMSXDeliveryCount > 1 AND amount = 1");
        assertEquals(FilterExpression.ALL, plan.brokerFilter(), "the client alone decides");
        assertTrue(plan.hasSelector());
    }

    @Test
    void aSelectorIsPushedAsJmsWithAnSql92Fallback() throws Exception {
        SelectorPlan plan = SelectorPlan.of("region LIKE 'e%' AND amount > 1");
        assertEquals(FilterExpression.jms("region LIKE 'e%' AND amount > 1"), plan.brokerFilter());
        assertEquals(FilterExpression.ALL, plan.fallbackFilter(), "LIKE is not RocketMQ's");
        SelectorPlan simple = SelectorPlan.of("amount > 1");
        assertEquals(FilterExpression.jms("amount > 1"), simple.brokerFilter());
        assertEquals(FilterExpression.sql("amount > 1"), simple.fallbackFilter());
        assertEquals(FilterExpression.tag("a"), SelectorPlan.of("JMSType = 'a'").brokerFilter(), "tags stay tags");
    }

    @Test
    void aQueueConsumerPushesOnlyTheJmsFilterAndFallsBackToNothing() throws Exception {
        SelectorPlan type = SelectorPlan.forQueue("JMSType = 'a'");
        assertEquals(FilterExpression.jms("JMSType = 'a'"), type.brokerFilter(),
                "no tag filter: an Apache broker would consume the rejects for the whole queue group");
        assertEquals(FilterExpression.ALL, type.fallbackFilter());
        assertEquals(FilterExpression.ALL, SelectorPlan.forQueue("amount > 1").fallbackFilter());
        assertEquals(FilterExpression.ALL, SelectorPlan.forQueue("JMSXDeliveryCount > 1").brokerFilter());
        assertEquals(SelectorPlan.ALL, SelectorPlan.forQueue(" "));
    }

    @Test
    void aRefusedFilterGivesWayStepByStep() throws Exception {
        SelectorPlan plan = SelectorPlan.of("amount > 1");
        FilterExpression sql = plan.afterRefusal(plan.brokerFilter(), ResponseCode.SUBSCRIPTION_PARSE_FAILED);
        assertEquals(FilterExpression.sql("amount > 1"), sql, "JMS refused: the SQL92 fallback");
        assertEquals(FilterExpression.ALL, plan.afterRefusal(sql, ResponseCode.SYSTEM_ERROR), "SQL92 refused: none");
        assertNull(plan.afterRefusal(FilterExpression.ALL, ResponseCode.SYSTEM_ERROR), "nothing left to drop");
        assertNull(plan.afterRefusal(plan.brokerFilter(), ResponseCode.TOPIC_NOT_EXIST), "not about the filter");
    }
}
