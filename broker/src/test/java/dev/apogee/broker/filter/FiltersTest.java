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
}
