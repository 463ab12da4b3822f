package dev.apogee.remoting.protocol.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** KVTable, TopicList, DataVersion, BrokerMemberGroup: small bodies, one test class. */
@Timeout(10)
class SmallBodiesTest {

    private static String json(Object value) {
        return new String(RemotingJson.encode(value), StandardCharsets.UTF_8);
    }

    private static <T> T read(String json, Class<T> type) {
        return RemotingJson.decode(json.getBytes(StandardCharsets.UTF_8), type);
    }

    @Test
    void kvTableIsATableObjectSortedByKey() {
        assertEquals("{\"table\":{\"a\":\"1\",\"b\":\"2\"}}", json(new KVTable(Map.of("b", "2", "a", "1"))));
        assertEquals(Map.of("t", "broker-a:8"), read("{\"table\":{\"t\":\"broker-a:8\"},\"x\":1}", KVTable.class).table());
        assertTrue(read("{}", KVTable.class).table().isEmpty());
    }

    @Test
    void topicListIsSortedAndOmitsAnAbsentBrokerAddr() {
        assertEquals("{\"topicList\":[\"a\",\"b\"]}", json(TopicList.of(Set.of("b", "a"))));
        TopicList read = read("{\"topicList\":[\"x\"],\"brokerAddr\":\"h:1\"}", TopicList.class);
        assertEquals(List.of("x"), List.copyOf(read.topicList()));
        assertEquals("h:1", read.brokerAddr());
        assertNull(read("{}", TopicList.class).brokerAddr());
    }

    @Test
    void dataVersionMatchesTheBrokersJson() {
        DataVersion version = read("{\"counter\":7,\"stateVersion\":0,\"timestamp\":1700000000000}", DataVersion.class);
        assertEquals(new DataVersion(0, 1_700_000_000_000L, 7), version);
        assertEquals("{\"counter\":7,\"stateVersion\":0,\"timestamp\":1700000000000}", json(version));
        assertEquals(new DataVersion(0, 5, 8), version.next(5));
        assertEquals(DataVersion.ZERO, read("{}", DataVersion.class));
    }

    @Test
    void memberGroupReadsUnquotedIds() {
        GetBrokerMemberGroupResponseBody body = read(
                "{\"brokerMemberGroup\":{\"brokerAddrs\":{0:\"h:1\",1:\"h:2\"},\"brokerName\":\"b\",\"cluster\":\"c\"}}",
                GetBrokerMemberGroupResponseBody.class);
        assertEquals(new BrokerMemberGroup("c", "b", Map.of(0L, "h:1", 1L, "h:2")), body.brokerMemberGroup());
        assertEquals(body, read(json(body), GetBrokerMemberGroupResponseBody.class));
    }

    @Test
    void topicPermBits() {
        assertTrue(TopicPerm.isReadable(6) && TopicPerm.isWriteable(6));
        assertTrue(TopicPerm.isReadable(4) && !TopicPerm.isWriteable(4));
        assertEquals(7, TopicPerm.READ_WRITE | TopicPerm.INHERIT);
    }
}
