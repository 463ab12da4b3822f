package dev.apogee.remoting.protocol.header.namesrv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.remoting.protocol.header.HeaderCodec;
import dev.apogee.remoting.protocol.header.HeaderException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class NamesrvHeadersTest {

    /** extFields of a 5.x broker's REGISTER_BROKER, as captured. */
    private static Map<String, String> brokerRegistration() {
        Map<String, String> fields = new HashMap<>();
        fields.put("brokerName", "broker-a");
        fields.put("brokerAddr", "10.0.0.1:10911");
        fields.put("clusterName", "DefaultCluster");
        fields.put("haServerAddr", "10.0.0.1:10912");
        fields.put("brokerId", "0");
        fields.put("heartbeatTimeoutMillis", "30000");
        fields.put("enableActingMaster", "false");
        fields.put("compressed", "true");
        fields.put("bodyCrc32", "1723154324");
        fields.put("__ZONE_NAME", "zone-a");
        fields.put("bname", "ignored");
        return fields;
    }

    @Test
    void decodesABrokersRegistration() {
        RegisterBrokerRequestHeader header = HeaderCodec.decode(brokerRegistration(), RegisterBrokerRequestHeader.class);

        assertEquals(new RegisterBrokerRequestHeader("broker-a", "10.0.0.1:10911", "DefaultCluster", "10.0.0.1:10912",
                0L, 30_000L, false, true, 1_723_154_324, "zone-a"), header);
    }

    @Test
    void optionalRegistrationFieldsDefault() {
        Map<String, String> fields = brokerRegistration();
        fields.keySet().removeAll(java.util.Set.of("heartbeatTimeoutMillis", "enableActingMaster", "compressed",
                "bodyCrc32", "__ZONE_NAME"));

        RegisterBrokerRequestHeader header = HeaderCodec.decode(fields, RegisterBrokerRequestHeader.class);

        assertNull(header.heartbeatTimeoutMillis());
        assertNull(header.enableActingMaster());
        assertFalse(header.compressed());
        assertEquals(0, header.bodyCrc32());
        assertNull(header.zoneName());
    }

    @Test
    void missingRequiredFieldIsNamed() {
        Map<String, String> fields = brokerRegistration();
        fields.remove("haServerAddr");

        HeaderException e = assertThrows(HeaderException.class,
                () -> HeaderCodec.decode(fields, RegisterBrokerRequestHeader.class));
        assertTrue(e.getMessage().contains("haServerAddr"), e.getMessage());
    }

    @Test
    void responseHeadersUseTheOfficialKeys() {
        assertEquals(Map.of("wipeTopicCount", "3"), HeaderCodec.encode(new WipeWritePermOfBrokerResponseHeader(3)));
        assertEquals(Map.of("addTopicCount", "2"), HeaderCodec.encode(new AddWritePermOfBrokerResponseHeader(2)));
        assertEquals(Map.of("changed", "true"), HeaderCodec.encode(new QueryDataVersionResponseHeader(true)));
        assertEquals(Map.of("masterAddr", "h:1", "haServerAddr", "h:2"),
                HeaderCodec.encode(new RegisterBrokerResponseHeader("h:2", "h:1")));
        assertEquals(Map.of(), HeaderCodec.encode(new RegisterBrokerResponseHeader(null, null)));
        assertEquals(Map.of("value", "v"), HeaderCodec.encode(new GetKVConfigResponseHeader("v")));
    }

    @Test
    void heartbeatKeepsTheOfficialMisspelling() {
        Map<String, String> fields = Map.of("clusterName", "c", "brokerAddr", "h:1", "brokerName", "b",
                "heartbeatTimeoutMills", "1000");

        assertEquals(1000L, HeaderCodec.decode(fields, BrokerHeartbeatRequestHeader.class).heartbeatTimeoutMills());
    }

    @Test
    void routeAndTopicHeaders() {
        assertEquals(new GetRouteInfoRequestHeader("t", null),
                HeaderCodec.decode(Map.of("topic", "t", "lo", "false"), GetRouteInfoRequestHeader.class));
        assertEquals(new DeleteTopicFromNamesrvRequestHeader("t", null),
                HeaderCodec.decode(Map.of("topic", "t"), DeleteTopicFromNamesrvRequestHeader.class));
        assertEquals(new GetTopicsByClusterRequestHeader("c"),
                HeaderCodec.decode(Map.of("cluster", "c"), GetTopicsByClusterRequestHeader.class));
    }
}
