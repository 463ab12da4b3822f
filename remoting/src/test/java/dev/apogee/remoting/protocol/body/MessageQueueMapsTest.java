package dev.apogee.remoting.protocol.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Golden bytes for the bodies whose maps are keyed by queue objects: the official client's fastjson
 * rebuilds {@code MessageQueue} keys only from this exact, unquoted-object shape.
 */
@Timeout(10)
class MessageQueueMapsTest {

    private static final MessageQueue Q0 = new MessageQueue("orders", "broker-a", 0);
    private static final MessageQueue Q1 = new MessageQueue("orders", "broker-a", 1);

    @Test
    void topicStatsTableIsWrittenWithObjectKeysInQueueOrder() {
        TopicStatsTable table = new TopicStatsTable(Map.of(
                Q1, new TopicOffset(0, 7, 1_700_000_000_123L),
                Q0, new TopicOffset(2, 4, 1_700_000_000_000L)), 1.5);

        assertEquals("{\"offsetTable\":{"
                + "{\"brokerName\":\"broker-a\",\"queueId\":0,\"topic\":\"orders\"}:"
                + "{\"lastUpdateTimestamp\":1700000000000,\"maxOffset\":4,\"minOffset\":2},"
                + "{\"brokerName\":\"broker-a\",\"queueId\":1,\"topic\":\"orders\"}:"
                + "{\"lastUpdateTimestamp\":1700000000123,\"maxOffset\":7,\"minOffset\":0}},"
                + "\"topicPutTps\":1.5}", text(RemotingJson.encode(table)));
    }

    @Test
    void consumeStatsIsWrittenWithObjectKeys() {
        ConsumeStats stats = new ConsumeStats(Map.of(Q0, new OffsetWrapper(10, 8, 9, 1_700_000_000_000L)), 0.0);

        assertEquals("{\"consumeTps\":0.0,\"offsetTable\":{"
                + "{\"brokerName\":\"broker-a\",\"queueId\":0,\"topic\":\"orders\"}:"
                + "{\"brokerOffset\":10,\"consumerOffset\":8,\"lastTimestamp\":1700000000000,\"pullOffset\":9}}}",
                text(RemotingJson.encode(stats)));
        assertEquals(2, stats.totalDiff());
    }

    @Test
    void resetOffsetBodyIsWrittenWithObjectKeys() {
        ResetOffsetBody body = new ResetOffsetBody(Map.of(Q1, 3L, Q0, 0L));

        assertEquals("{\"offsetTable\":{"
                + "{\"brokerName\":\"broker-a\",\"queueId\":0,\"topic\":\"orders\"}:0,"
                + "{\"brokerName\":\"broker-a\",\"queueId\":1,\"topic\":\"orders\"}:3}}",
                text(RemotingJson.encode(body)));
    }

    @Test
    void emptyTablesAreEmptyObjects() {
        assertEquals("{\"offsetTable\":{}}", text(RemotingJson.encode(new ResetOffsetBody(Map.of()))));
    }

    @Test
    void roundTripsThroughTheObjectKeyReader() {
        TopicStatsTable table = new TopicStatsTable(Map.of(Q0, new TopicOffset(0, 4, 5), Q1, new TopicOffset(1, 2, 3)), 2.0);
        ConsumeStats stats = new ConsumeStats(Map.of(Q1, new OffsetWrapper(4, 4, 4, 9)), 0.25);
        ResetOffsetBody reset = new ResetOffsetBody(Map.of(Q0, 7L));

        assertEquals(table, MessageQueueMaps.decode(RemotingJson.encode(table), TopicStatsTable.class));
        assertEquals(stats, MessageQueueMaps.decode(RemotingJson.encode(stats), ConsumeStats.class));
        assertEquals(reset, MessageQueueMaps.decode(RemotingJson.encode(reset), ResetOffsetBody.class));
    }

    @Test
    void readsWhatFastjsonWritesIncludingSpacesAndQuotedKeys() {
        String fastjson = "{ \"offsetTable\" : { {\"brokerName\":\"b\",\"queueId\":2,\"topic\":\"t\"} : 5 ,"
                + " \"{\\\"brokerName\\\":\\\"b\\\",\\\"queueId\\\":3,\\\"topic\\\":\\\"t\\\"}\" : 6 } }";

        ResetOffsetBody body = MessageQueueMaps.decode(fastjson.getBytes(StandardCharsets.UTF_8), ResetOffsetBody.class);

        assertEquals(Map.of(new MessageQueue("t", "b", 2), 5L, new MessageQueue("t", "b", 3), 6L), body.offsetTable());
    }

    @Test
    void leavesBracesInsideStringsAndOrdinaryKeysAlone() {
        String json = "{\"a\":\"{not a key}\",\"b\":[{\"c\":{\"d\":\"x\\\"{\"}}],1:2}";

        assertEquals(json, MessageQueueMaps.quoteObjectKeys(json));
    }

    @Test
    void objectKeysWithEscapedQuotesSurvive() {
        String json = "{\"m\":{{\"brokerName\":\"a\\\"b\",\"queueId\":0,\"topic\":\"t\"}:1}}";

        ResetOffsetBody body = MessageQueueMaps.decode(json.replace("\"m\"", "\"offsetTable\"")
                .getBytes(StandardCharsets.UTF_8), ResetOffsetBody.class);

        assertEquals(Map.of(new MessageQueue("t", "a\"b", 0), 1L), body.offsetTable());
    }

    @Test
    void malformedBodiesAreBodyErrors() {
        assertThrows(BodyException.class, () -> MessageQueueMaps.decode(
                "{\"offsetTable\":{{\"brokerName\":".getBytes(StandardCharsets.UTF_8), ResetOffsetBody.class));
        assertThrows(BodyException.class, () -> MessageQueueMaps.decode(new byte[0], ResetOffsetBody.class));
    }

    private static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }
}
