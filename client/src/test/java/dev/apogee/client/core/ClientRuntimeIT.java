package dev.apogee.client.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.client.ClientClosedException;
import dev.apogee.client.NoRouteException;
import dev.apogee.client.Registration;
import dev.apogee.client.net.Rpc;
import dev.apogee.client.route.TopicRoute;
import dev.apogee.client.testing.StubServer;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.body.HeartbeatData;
import dev.apogee.remoting.protocol.body.HeartbeatData.ConsumerData;
import dev.apogee.remoting.protocol.body.HeartbeatData.ProducerData;
import dev.apogee.remoting.protocol.body.RemotingJson;
import dev.apogee.remoting.testing.Await;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The shared core against stub servers: route caching and failover, heartbeats from contributors, closing. */
@Timeout(60)
class ClientRuntimeIT {

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private <T extends AutoCloseable> T closing(T closeable) {
        toClose.add(closeable);
        return closeable;
    }

    private static String deadAddress() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "127.0.0.1:" + socket.getLocalPort();
        }
    }

    @Test
    void routesAreCachedRefreshedOnDemandAndNameTheirBrokers() throws Exception {
        StubServer broker = closing(StubServer.start("b1"));
        StubServer namesrv = closing(StubServer.start("ns")).withBroker(broker);
        ClientRuntime runtime = closing(ClientRuntime.builder().nameServers(namesrv.address()).build());

        TopicRoute first = runtime.routes().route("Topic").get();
        assertSame(first, runtime.routes().route("Topic").get(), "the second lookup is served from the cache");
        assertEquals(1, namesrv.count(RequestCode.GET_ROUTEINFO_BY_TOPIC));
        assertEquals(2, first.writableQueues().size());
        assertEquals(broker.address(), runtime.routes().masterAddress("b1"));
        assertTrue(runtime.routes().isBroker(broker.address()));

        runtime.routes().refresh("Topic").get();
        assertEquals(2, namesrv.count(RequestCode.GET_ROUTEINFO_BY_TOPIC), "refresh asks again");
    }

    @Test
    void routesAreRefreshedPeriodicallyAndListenersToldOfChanges() throws Exception {
        StubServer b1 = closing(StubServer.start("b1"));
        StubServer b2 = closing(StubServer.start("b2"));
        StubServer namesrv = closing(StubServer.start("ns")).withBroker(b1);
        ClientRuntime runtime = closing(ClientRuntime.builder().nameServers(namesrv.address())
                .routeRefreshInterval(java.time.Duration.ofMillis(100)).build());
        List<TopicRoute> changes = new java.util.concurrent.CopyOnWriteArrayList<>();
        runtime.routes().addListener((previous, route) -> changes.add(route));
        runtime.routes().route("Topic").get();
        namesrv.withBroker(b2);
        Await.until("the refreshed route names the new broker",
                () -> runtime.routes().cached("Topic").masters().containsKey("b2"));
        Await.until("listeners were told", () -> changes.size() == 2);
    }

    @Test
    void aDeadNameServerIsFailedOverOnce() throws Exception {
        StubServer broker = closing(StubServer.start("b1"));
        StubServer namesrv = closing(StubServer.start("ns")).withBroker(broker);
        ClientRuntime runtime = closing(ClientRuntime.builder().nameServers(deadAddress(), namesrv.address()).build());
        runtime.routes().refresh("A").get();
        assertEquals(namesrv.address(), runtime.nameServers().current());
        runtime.routes().refresh("B").get();
        assertEquals(2, namesrv.count(RequestCode.GET_ROUTEINFO_BY_TOPIC), "the live one keeps serving");
    }

    @Test
    void anUnknownTopicFailsWithNoRoute() throws Exception {
        StubServer namesrv = closing(StubServer.start("ns"));
        ClientRuntime runtime = closing(ClientRuntime.builder().nameServers(namesrv.address()).build());
        ExecutionException failed = assertThrows(ExecutionException.class, () -> runtime.routes().route("Nope").get());
        assertInstanceOf(NoRouteException.class, Rpc.unwrap(failed));
    }

    @Test
    void heartbeatsCarryEveryContributorAndLeavingUnregisters() throws Exception {
        StubServer broker = closing(StubServer.start("b1"));
        StubServer namesrv = closing(StubServer.start("ns")).withBroker(broker);
        ClientRuntime runtime = closing(ClientRuntime.builder().nameServers(namesrv.address()).build());
        runtime.routes().route("Topic").get();
        runtime.addHeartbeatContributor(new HeartbeatContributor() {
            @Override
            public List<ProducerData> producers() {
                return List.of(new ProducerData("p-group"));
            }
        });
        Registration consumer = runtime.addHeartbeatContributor(new HeartbeatContributor() {
            @Override
            public List<ConsumerData> consumers() {
                return List.of(new ConsumerData("c-group", "CONSUME_PASSIVELY", "CLUSTERING",
                        "CONSUME_FROM_LAST_OFFSET", List.of(), false));
            }
        });
        runtime.sendHeartbeats().get();
        // Adding a contributor may send a heartbeat of its own, and the stub handles requests on two
        // threads, so the one sent after both were added is not always recorded last: find it by content.
        HeartbeatData data = broker.received().stream().filter(r -> r.code() == RequestCode.HEART_BEAT)
                .map(r -> RemotingJson.decode(r.body(), HeartbeatData.class))
                .filter(h -> !h.consumerDataSet().isEmpty()).reduce((a, b) -> b).orElseThrow(
                        () -> new AssertionError("no heartbeat carried the consumer: " + broker.received()));
        assertEquals(runtime.clientId(), data.clientId());
        assertEquals("p-group", data.producerDataSet().get(0).groupName());
        assertEquals("c-group", data.consumerDataSet().get(0).groupName());
        assertTrue(runtime.clientId().matches("[0-9.]+@\\d+#\\d+"), runtime.clientId());

        consumer.close();
        assertEquals(1, broker.count(RequestCode.UNREGISTER_CLIENT));
        runtime.close();
        assertEquals(2, broker.count(RequestCode.UNREGISTER_CLIENT), "close unregisters the rest");
        assertThrows(ClientClosedException.class, () -> runtime.addHeartbeatContributor(new HeartbeatContributor() { }));
        CompletableFuture<RemotingCommand> refused = runtime.rpc().invoke(broker.address(),
                RemotingCommand.request(RequestCode.HEART_BEAT, null), 1000);
        assertInstanceOf(ClientClosedException.class, Rpc.unwrap(assertThrows(ExecutionException.class, refused::get)));
    }

    @Test
    void aBrokerRequestCodeHasOneHandler() throws Exception {
        StubServer namesrv = closing(StubServer.start("ns"));
        ClientRuntime runtime = closing(ClientRuntime.builder().nameServers(namesrv.address()).build());
        Registration first = runtime.registerBrokerRequestHandler(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED,
                (context, request) -> CompletableFuture.completedFuture(null));
        assertThrows(IllegalStateException.class, () -> runtime.registerBrokerRequestHandler(
                RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, (context, request) -> null));
        first.close();
        runtime.registerBrokerRequestHandler(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED,
                (context, request) -> CompletableFuture.completedFuture(null)).close();
        assertSame(runtime.shared(StringBuilder.class, r -> new StringBuilder("one")),
                runtime.shared(StringBuilder.class, r -> new StringBuilder("two")));
    }
}
