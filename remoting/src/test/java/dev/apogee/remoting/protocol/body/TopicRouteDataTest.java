package dev.apogee.remoting.protocol.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class TopicRouteDataTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void writesTheShapeTheOfficialClientReads() {
        TopicRouteData route = new TopicRouteData(null,
                List.of(new QueueData("broker-a", 4, 4, 6, 0)),
                List.of(new BrokerData("DefaultCluster", "broker-a", Map.of(0L, "127.0.0.1:10911"), false, null)),
                Map.of(), null);

        String json = new String(RemotingJson.encode(route), StandardCharsets.UTF_8);

        assertEquals("{\"brokerDatas\":[{\"brokerAddrs\":{\"0\":\"127.0.0.1:10911\"},\"brokerName\":\"broker-a\","
                + "\"cluster\":\"DefaultCluster\",\"enableActingMaster\":false}],\"filterServerTable\":{},"
                + "\"queueDatas\":[{\"brokerName\":\"broker-a\",\"perm\":6,\"readQueueNums\":4,\"topicSysFlag\":0,"
                + "\"writeQueueNums\":4}]}", json);
    }

    @Test
    void roundTripsWithOrderConfAndSeveralMembers() {
        TopicRouteData route = new TopicRouteData("broker-a:4;broker-b:4",
                List.of(new QueueData("broker-a", 4, 4, 6, 0), new QueueData("broker-b", 8, 8, 4, 1)),
                List.of(new BrokerData("c", "broker-a", Map.of(0L, "h:1", 1L, "h:2"), true, "zone-1")),
                Map.of("h:1", List.of("f:1")), null);

        assertEquals(route, RemotingJson.decode(RemotingJson.encode(route), TopicRouteData.class));
    }

    @Test
    void readsFastjsonOutputWithUnquotedIdsUnknownAndMissingKeys() {
        String fastjson = "{\"brokerDatas\":[{\"brokerAddrs\":{0:\"10.0.0.1:10911\",1:\"10.0.0.2:10911\"},"
                + "\"brokerName\":\"b\",\"cluster\":\"c\",\"someFutureField\":[1,2]}],"
                + "\"queueDatas\":[{\"brokerName\":\"b\",\"perm\":6,\"readQueueNums\":2,\"writeQueueNums\":2}],"
                + "\"topicQueueMappingByBroker\":{}}";

        TopicRouteData route = RemotingJson.decode(utf8(fastjson), TopicRouteData.class);

        BrokerData broker = route.brokerDatas().get(0);
        assertEquals(Map.of(0L, "10.0.0.1:10911", 1L, "10.0.0.2:10911"), broker.brokerAddrs());
        assertEquals("10.0.0.1:10911", broker.masterAddr());
        assertFalse(broker.enableActingMaster());
        assertNull(broker.zoneName());
        assertEquals(0, route.queueDatas().get(0).topicSysFlag());
        assertTrue(route.filterServerTable().isEmpty());
        assertNull(route.orderTopicConf());
        assertNull(route.topicQueueMappingByBroker());
    }

    @Test
    void emptyObjectGivesEmptyCollections() {
        TopicRouteData route = RemotingJson.decode(utf8("{}"), TopicRouteData.class);

        assertTrue(route.queueDatas().isEmpty());
        assertTrue(route.brokerDatas().isEmpty());
    }

    @Test
    void brokerAddrsAreSortedById() {
        BrokerData broker = new BrokerData("c", "b", Map.of(2L, "h:3", 0L, "h:1", 1L, "h:2"), false, null);

        assertEquals(List.of(0L, 1L, 2L), List.copyOf(broker.brokerAddrs().keySet()));
    }

    @Test
    void garbageIsABodyException() {
        assertThrows(BodyException.class, () -> RemotingJson.decode(utf8("{\"queueDatas\":"), TopicRouteData.class));
        assertThrows(BodyException.class, () -> RemotingJson.decode(null, TopicRouteData.class));
    }
}
