package dev.apogee.remoting.protocol.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.remoting.protocol.ProtocolVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RegisterBrokerBodyTest {

    /** The JSON body of a 5.x broker as fastjson writes it (two topics). */
    private static final String BROKER_JSON = "{\"filterServerList\":[],\"topicConfigSerializeWrapper\":{"
            + "\"dataVersion\":{\"counter\":3,\"stateVersion\":0,\"timestamp\":1700000000123},"
            + "\"mappingDataVersion\":{\"counter\":0,\"stateVersion\":0,\"timestamp\":1700000000000},"
            + "\"topicConfigTable\":{"
            + "\"TBW102\":{\"attributes\":{},\"order\":false,\"perm\":7,\"readQueueNums\":8,"
            + "\"topicFilterType\":\"SINGLE_TAG\",\"topicName\":\"TBW102\",\"topicSysFlag\":0,\"writeQueueNums\":8},"
            + "\"orders\":{\"attributes\":{\"+message.type\":\"FIFO\"},\"order\":true,\"perm\":6,\"readQueueNums\":4,"
            + "\"topicFilterType\":\"SINGLE_TAG\",\"topicName\":\"orders\",\"topicSysFlag\":0,\"writeQueueNums\":4}},"
            + "\"topicQueueMappingDetailMap\":{},\"topicQueueMappingInfoMap\":{}}}";

    @Test
    void readsABrokersJsonBody() {
        RegisterBrokerBody body = RegisterBrokerBody.decode(BROKER_JSON.getBytes(StandardCharsets.UTF_8), false,
                ProtocolVersion.V5_3_3);

        TopicConfigSerializeWrapper wrapper = body.topicConfigSerializeWrapper();
        assertEquals(new DataVersion(0, 1_700_000_000_123L, 3), wrapper.dataVersion());
        assertEquals(2, wrapper.topicConfigTable().size());
        TopicConfig orders = wrapper.topicConfigTable().get("orders");
        assertEquals(new TopicConfig("orders", 4, 4, 6, "SINGLE_TAG", 0, true, Map.of("+message.type", "FIFO")), orders);
        assertEquals(7, wrapper.topicConfigTable().get("TBW102").perm());
        assertTrue(body.filterServerList().isEmpty());
    }

    @Test
    void roundTripsAsJson() {
        RegisterBrokerBody body = new RegisterBrokerBody(TopicConfigSerializeWrapper.of(
                Map.of("t", TopicConfig.of("t", 2, 3)), new DataVersion(1, 2, 3)), List.of("f:1"));

        assertEquals(body, RegisterBrokerBody.decode(body.encode(false), false, ProtocolVersion.CURRENT));
    }

    @Test
    void anAbsentBodyIsNoTopicsAtVersionZero() {
        RegisterBrokerBody body = RegisterBrokerBody.decode(null, false, ProtocolVersion.CURRENT);

        assertTrue(body.topicConfigSerializeWrapper().topicConfigTable().isEmpty());
        assertEquals(DataVersion.ZERO, body.topicConfigSerializeWrapper().dataVersion());
    }

    @Test
    void brokersOlderThan3011SendABareWrapper() {
        String wrapper = "{\"dataVersion\":{\"counter\":1,\"timestamp\":5},\"topicConfigTable\":{\"t\":{\"topicName\":\"t\"}}}";

        RegisterBrokerBody body = RegisterBrokerBody.decode(wrapper.getBytes(StandardCharsets.UTF_8), false, 10);

        assertEquals(Map.of("t", TopicConfig.of("t", 16, 16)), body.topicConfigSerializeWrapper().topicConfigTable());
    }

    @Test
    void topicConfigMissingFieldsTakeTheOfficialDefaults() {
        TopicConfig topic = RemotingJson.decode("{\"topicName\":\"t\",\"unknown\":1}".getBytes(StandardCharsets.UTF_8),
                TopicConfig.class);

        assertEquals(16, topic.readQueueNums());
        assertEquals(16, topic.writeQueueNums());
        assertEquals(TopicPerm.READ_WRITE, topic.perm());
        assertEquals("SINGLE_TAG", topic.topicFilterType());
        assertFalse(topic.order());
        assertTrue(topic.attributes().isEmpty());
    }
}
