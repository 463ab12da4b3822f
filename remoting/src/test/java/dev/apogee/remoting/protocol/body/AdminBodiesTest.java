package dev.apogee.remoting.protocol.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.remoting.protocol.LanguageCode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class AdminBodiesTest {

    @Test
    void subscriptionGroupTakesOfficialDefaultsForAbsentFields() {
        SubscriptionGroupConfig config = RemotingJson.decode(bytes("{\"groupName\":\"g\"}"), SubscriptionGroupConfig.class);

        assertEquals(SubscriptionGroupConfig.defaults("g"), config);
        assertTrue(config.consumeEnable());
        assertEquals(16, config.retryMaxTimes());
        assertEquals(1, config.retryQueueNums());
        assertEquals(1, config.whichBrokerWhenConsumeSlowly());
        assertEquals(15, config.consumeTimeoutMinute());
        assertEquals("CUSTOMIZED", config.groupRetryPolicy().get("type").asText());
        assertNull(config.subscriptionDataSet());
    }

    @Test
    void subscriptionGroupReadsWhatTheOfficialAdminSends() {
        String fastjson = "{\"attributes\":{},\"brokerId\":0,\"consumeBroadcastEnable\":true,\"consumeEnable\":false,"
                + "\"consumeFromMinEnable\":false,\"consumeMessageOrderly\":true,\"consumeTimeoutMinute\":15,"
                + "\"groupName\":\"g\",\"groupRetryPolicy\":{\"type\":\"EXPONENTIAL\",\"exponentialRetryPolicy\":"
                + "{\"initial\":1000,\"max\":60000,\"multiplier\":2}},\"groupSysFlag\":0,"
                + "\"notifyConsumerIdsChangedEnable\":true,\"retryMaxTimes\":3,\"retryQueueNums\":1,"
                + "\"subscriptionDataSet\":[{\"expression\":\"*\",\"expressionType\":\"TAG\",\"topic\":\"t\",\"version\":1}],"
                + "\"whichBrokerWhenConsumeSlowly\":1}";

        SubscriptionGroupConfig config = RemotingJson.decode(bytes(fastjson), SubscriptionGroupConfig.class);

        assertFalse(config.consumeEnable());
        assertTrue(config.consumeMessageOrderly());
        assertEquals(3, config.retryMaxTimes());
        assertEquals(List.of(new SimpleSubscriptionData("t", "TAG", "*", 1)), config.subscriptionDataSet());
        assertEquals(60000, config.groupRetryPolicy().get("exponentialRetryPolicy").get("max").asInt());
        assertEquals(config, RemotingJson.decode(RemotingJson.encode(config), SubscriptionGroupConfig.class));
    }

    @Test
    void subscriptionGroupWithoutANameIsABodyError() {
        assertThrows(BodyException.class, () -> RemotingJson.decode(bytes("{\"consumeEnable\":true}"),
                SubscriptionGroupConfig.class));
        assertThrows(BodyException.class, () -> RemotingJson.decode(bytes("{\"groupName\":"),
                SubscriptionGroupConfig.class));
    }

    @Test
    void consumerConnectionCarriesLanguageNamesAndSubscriptions() {
        HeartbeatData.SubscriptionData subscription = new HeartbeatData.SubscriptionData("t", "*", Set.of(), Set.of(),
                "TAG", 7, false);
        ConsumerConnection connection = new ConsumerConnection(
                Set.of(new Connection("10.0.0.1@a", "10.0.0.1:5000", LanguageCode.JAVA, 500)),
                Map.of("t", subscription), "CONSUME_PASSIVELY", "CLUSTERING", "CONSUME_FROM_FIRST_OFFSET");

        String json = new String(RemotingJson.encode(connection), StandardCharsets.UTF_8);

        assertTrue(json.contains("\"connectionSet\":[{\"clientAddr\":\"10.0.0.1:5000\",\"clientId\":\"10.0.0.1@a\","
                + "\"language\":\"JAVA\",\"version\":500}]"), json);
        assertTrue(json.contains("\"consumeType\":\"CONSUME_PASSIVELY\""), json);
        assertEquals(connection, RemotingJson.decode(bytes(json), ConsumerConnection.class));
    }

    @Test
    void consumerOffsetsAreKeyedByTopicAtGroup() {
        ConsumerOffsetSerializeWrapper wrapper = new ConsumerOffsetSerializeWrapper(
                Map.of("t@g", Map.of(0, 5L)), new DataVersion(0, 1, 2));

        assertEquals("{\"dataVersion\":{\"counter\":2,\"stateVersion\":0,\"timestamp\":1},"
                + "\"offsetTable\":{\"t@g\":{\"0\":5}}}", new String(RemotingJson.encode(wrapper), StandardCharsets.UTF_8));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
