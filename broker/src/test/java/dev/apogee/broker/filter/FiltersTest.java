package dev.apogee.broker.filter;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.remoting.protocol.message.MessageDraft;
import dev.apogee.remoting.protocol.message.MessageRecordCodec;
import dev.apogee.remoting.protocol.message.StoredMessage;
import dev.apogee.selector.InvalidSelectorException;
import dev.apogee.store.MessageFilter;
import java.nio.ByteBuffer;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class FiltersTest {

    private static final byte[] HOST = {127, 0, 0, 1};

    private static ByteBuffer record(String properties) {
        return ByteBuffer.wrap(MessageRecordCodec.encode(new MessageDraft("t", 0, 0, 0, 1L, HOST, 1, HOST, 2, 0, 0,
                new byte[] {1, 2, 3}, properties)));
    }

    private static StoredMessage message(String properties) {
        return MessageRecordCodec.decode(record(properties), false);
    }

    @Test
    void sqlFiltersTestRecordPropertiesAsRocketMqDoes() {
        SqlFilters sql = new SqlFilters();
        MessageFilter filter = sql.filter("a >= 5 AND region = 'eu'");
        assertTrue(filter.matchesTagsCode(42), "no tag shortcut for SQL");
        assertTrue(filter.matchesRecord(record("a\u00017\u0002region\u0001eu\u0002")));
        assertFalse(filter.matchesRecord(record("a\u00013\u0002region\u0001eu\u0002")));
        assertFalse(filter.matchesRecord(record("region\u0001eu\u0002")), "a missing property does not match");
        assertFalse(filter.matchesRecord(record("a\u0001x\u0002region\u0001eu\u0002")), "not a number: no match");
        assertSame(sql.compile("a >= 5 AND region = 'eu'"), sql.compile("a >= 5 AND region = 'eu'"), "compiled once");
        assertThrows(InvalidSelectorException.class, () -> sql.filter("a >= AND"));
    }

    @Test
    void predicatesCompareRealTagsAndHonourTheSwitch() {
        MessagePredicates on = new MessagePredicates(new SqlFilters(), true);
        Predicate<StoredMessage> tags = on.of("TAG", "red || blue");
        assertTrue(tags.test(message("TAGS\u0001blue\u0002")));
        assertFalse(tags.test(message("TAGS\u0001green\u0002")));
        assertFalse(tags.test(message("")), "an untagged message matches only *");
        assertTrue(on.of(null, "*").test(message("")));
        assertTrue(on.of("SQL92", "TAGS = 'red' AND n < 3").test(message("TAGS\u0001red\u0002n\u00012\u0002")));
        assertThrows(IllegalArgumentException.class, () -> on.of("SQL92", "(("));
        MessagePredicates off = new MessagePredicates(new SqlFilters(), false);
        assertThrows(IllegalArgumentException.class, () -> off.of("SQL92", "a > 1"));
    }

    @Test
    void jmsFiltersUseJmsSemanticsOnWhatTheProviderWrote() {
        SqlFilters sql = new SqlFilters();
        // born timestamp 1 (the draft's); amount typed long, code a String holding a number
        String typed = "amount\u000142\u0002code\u00017\u0002JMS_Apogee_Types\u0001amount:J\u0002"
                + "JMS_Apogee_Priority\u00017\u0002TAGS\u0001order\u0002";
        assertTrue(sql.filter("JMS", "amount > 40 AND NOT code = '8'").matchesRecord(record(typed)));
        assertFalse(sql.filter("JMS", "code = 7").matchesRecord(record(typed)),
                "a String is never equal to a number in JMS (RocketMQ's SQL92 would say yes)");
        assertTrue(sql.filter("SQL92", "code = 7").matchesRecord(record(typed)), "SQL92 keeps its own semantics");
        assertTrue(sql.filter("JMS", "JMSPriority = 7 AND JMSType LIKE 'ord%' AND JMSTimestamp = 1")
                .matchesRecord(record(typed)));
        assertTrue(sql.filter("JMS", "JMSPriority = 4 AND JMSDeliveryMode = 'PERSISTENT'")
                .matchesRecord(record("a\u0001b\u0002")), "absent headers read as their defaults");
        assertThrows(InvalidSelectorException.class, () -> sql.filter("JMS", "a LIKE 5"));
        assertTrue(SqlFilters.isSql("JMS"), "JMS is a property filter: served only with property filters on");

        MessagePredicates on = new MessagePredicates(sql, true);
        assertTrue(on.of("JMS", "amount * 2 = 84").test(message(typed)));
        assertFalse(on.of("JMS", "missing = 1 OR NOT (amount = 42)").test(message(typed)),
                "unknown OR false is unknown: no match");
        assertThrows(IllegalArgumentException.class, () -> new MessagePredicates(sql, false).of("JMS", "a = 1"));
    }
}
