package dev.apogee.client.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.remoting.protocol.body.BrokerData;
import dev.apogee.remoting.protocol.body.MessageQueue;
import dev.apogee.remoting.protocol.body.QueueData;
import dev.apogee.remoting.protocol.body.TopicPerm;
import dev.apogee.remoting.protocol.body.TopicRouteData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicRouteTest {

    @Test
    void onlyWritableQueuesOnBrokersWithAMasterAreSentTo() {
        TopicRouteData data = new TopicRouteData(null, List.of(
                new QueueData("b", 2, 3, TopicPerm.READ_WRITE, 0),
                new QueueData("a", 2, 2, TopicPerm.READ, 0),
                new QueueData("c", 1, 1, TopicPerm.READ_WRITE, 0)), List.of(
                new BrokerData("k", "a", Map.of(0L, "h:1"), false, null),
                new BrokerData("k", "b", Map.of(0L, "h:2", 1L, "h:3"), false, null),
                new BrokerData("k", "c", Map.of(1L, "h:4"), false, null)), null, null);
        TopicRoute route = TopicRoute.of("T", data);
        assertEquals(List.of(new MessageQueue("T", "b", 0), new MessageQueue("T", "b", 1), new MessageQueue("T", "b", 2)),
                route.writableQueues());
        assertEquals(5, route.readableQueues().size(), "a 2 + b 2 + c 1");
        assertEquals("h:2", route.masterAddress("b"));
        assertNull(route.masterAddress("c"));
    }

    @Test
    void aGlobalOrderConfigurationFixesTheQueues() {
        TopicRouteData data = new TopicRouteData("b:2;a:1", List.of(new QueueData("a", 4, 4, TopicPerm.READ_WRITE, 0)),
                List.of(new BrokerData("k", "a", Map.of(0L, "h:1"), false, null)), null, null);
        TopicRoute route = TopicRoute.of("T", data);
        assertTrue(route.ordered());
        assertEquals(List.of(new MessageQueue("T", "b", 0), new MessageQueue("T", "b", 1), new MessageQueue("T", "a", 0)),
                route.writableQueues());
    }
}
