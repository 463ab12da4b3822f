package dev.apogee.remoting.protocol.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ClusterInfoTest {

    @Test
    void readsTheOfficialServersUnquotedIds() {
        String fastjson = "{\"brokerAddrTable\":{\"broker-a\":{\"brokerAddrs\":{0:\"127.0.0.1:10911\"},"
                + "\"brokerName\":\"broker-a\",\"cluster\":\"DefaultCluster\",\"enableActingMaster\":false}},"
                + "\"clusterAddrTable\":{\"DefaultCluster\":[\"broker-a\"]}}";

        ClusterInfo info = RemotingJson.decode(fastjson.getBytes(StandardCharsets.UTF_8), ClusterInfo.class);

        assertEquals("127.0.0.1:10911", info.brokerAddrTable().get("broker-a").masterAddr());
        assertEquals(Set.of("broker-a"), info.clusterAddrTable().get("DefaultCluster"));
    }

    @Test
    void roundTripsAndSortsBrokerNames() {
        ClusterInfo info = new ClusterInfo(
                Map.of("b2", new BrokerData("c", "b2", Map.of(0L, "h:2"), false, null),
                        "b1", new BrokerData("c", "b1", Map.of(0L, "h:1"), false, null)),
                Map.of("c", Set.of("b2", "b1")));

        ClusterInfo decoded = RemotingJson.decode(RemotingJson.encode(info), ClusterInfo.class);

        assertEquals(info, decoded);
        assertEquals(List.of("b1", "b2"), List.copyOf(decoded.clusterAddrTable().get("c")));
    }

    @Test
    void missingTablesAreEmpty() {
        ClusterInfo info = RemotingJson.decode("{}".getBytes(StandardCharsets.UTF_8), ClusterInfo.class);

        assertTrue(info.brokerAddrTable().isEmpty());
        assertTrue(info.clusterAddrTable().isEmpty());
    }
}
