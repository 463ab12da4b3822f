package dev.apogee.client.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.client.message.MessageView;
import dev.apogee.remoting.protocol.body.HeartbeatData.SubscriptionData;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SubscriptionTest {

    private static MessageView tagged(String tag) {
        InetSocketAddress host = new InetSocketAddress("127.0.0.1", 1);
        Map<String, String> properties = tag == null ? Map.of() : Map.of("TAGS", tag);
        return new MessageView("T", new byte[1], properties, "id", "oid", 0, 0, 0, 0, 0, host, 0, host, 0, 0);
    }

    @Test
    void tagExpressionsNameTagsAndTheirHashCodes() {
        Subscription subscription = Subscription.tags("T", " created ||paid|| ");
        assertEquals(Set.of("created", "paid"), subscription.tags());
        assertEquals(Set.of("created".hashCode(), "paid".hashCode()), subscription.tagHashCodes());
        SubscriptionData data = subscription.toData(42);
        assertEquals("T", data.topic());
        assertEquals("TAG", data.expressionType());
        assertEquals(Set.of("created", "paid"), data.tagsSet());
        assertEquals(subscription.tagHashCodes(), data.codeSet());
        assertEquals(42, data.subVersion());
        assertTrue(subscription.accepts(tagged("paid")));
        assertFalse(subscription.accepts(tagged("shipped")), "a hash collision the broker let through");
        assertFalse(subscription.accepts(tagged(null)));
    }

    @Test
    void starAndBlankSelectEverything() {
        for (String all : new String[] {"*", " * ", "", null}) {
            Subscription subscription = Subscription.tags("T", all);
            assertTrue(subscription.selectsAll());
            assertEquals("*", subscription.expression());
            assertEquals(Set.of(), subscription.toData(1).codeSet());
            assertTrue(subscription.accepts(tagged(null)));
        }
    }

    @Test
    void sqlExpressionsAreCheckedWhenMade() {
        Subscription subscription = Subscription.sql("T", "a > 5 AND region = 'eu'");
        assertEquals(Subscription.ExpressionType.SQL92, subscription.type());
        assertEquals("SQL92", subscription.toData(1).expressionType());
        assertTrue(subscription.accepts(tagged("anything")), "the broker evaluated it");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> Subscription.sql("T", "a >> 5"));
        assertTrue(bad.getMessage().contains("a >> 5"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Subscription.sql("T", " "));
    }

    @Test
    void badTopicsAndEmptyTagListsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Subscription.tags("no spaces", "*"));
        assertThrows(IllegalArgumentException.class, () -> Subscription.tags("T", "||"));
        assertThrows(NullPointerException.class, () -> StartPosition.timestamp(null));
        assertThrows(IllegalArgumentException.class, () -> new StartPosition(StartPosition.Kind.LAST_OFFSET, java.time.Instant.now()));
    }
}
