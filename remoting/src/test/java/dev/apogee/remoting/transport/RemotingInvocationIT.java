package dev.apogee.remoting.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.remoting.concurrent.BoundedExecutors;
import dev.apogee.remoting.protocol.LanguageCode;
import dev.apogee.remoting.protocol.ProtocolVersion;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.SerializeType;
import dev.apogee.remoting.testing.Await;
import dev.apogee.remoting.testing.EchoProcessor;
import dev.apogee.remoting.testing.Loopback;
import dev.apogee.remoting.testing.NettyLeakCheck;
import dev.apogee.remoting.testing.RawConnection;
import io.netty.channel.Channel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Requests and responses between a real server and client on loopback. */
@ExtendWith(NettyLeakCheck.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RemotingInvocationIT {

    static final int ECHO = 9001;
    static final int HELD = 9002;

    @Test
    void syncAsyncAndOnewayInvocation() throws Exception {
        EchoProcessor echo = new EchoProcessor();
        BlockingQueue<RemotingCommand> oneways = new LinkedBlockingQueue<>();
        try (RemotingServer server = new RemotingServer(Loopback.server("invoke-srv"));
             RemotingClient client = new RemotingClient(Loopback.client("invoke-cli"))) {
            server.registerProcessor(echo, BoundedExecutors.fixed("invoke-srv-echo", 2, 100), ECHO);
            server.registerProcessor((context, request) -> {
                oneways.add(request);
                return CompletableFuture.completedFuture(RemotingCommand.success(request, (byte[]) null));
            }, BoundedExecutors.fixed("invoke-srv-oneway", 1, 100), RequestCode.UPDATE_CONSUMER_OFFSET);
            server.start();
            client.start();
            String address = Loopback.address(server);

            RemotingCommand request = RemotingCommand.request(ECHO, null, "sync".getBytes(StandardCharsets.UTF_8))
                    .withExtFields(Map.of("k", "v"));
            RemotingCommand sync = client.invokeSync(address, request, 5_000);
            RemotingCommand async = client.invoke(address, RemotingCommand.request(ECHO, null,
                    "async".getBytes(StandardCharsets.UTF_8)), 5_000).get(5, TimeUnit.SECONDS);
            client.invokeOneway(address, RemotingCommand.request(RequestCode.UPDATE_CONSUMER_OFFSET, null)
                    .withExtFields(Map.of("consumerGroup", "g"))).get(5, TimeUnit.SECONDS);

            assertEquals(ResponseCode.SUCCESS, sync.code());
            assertTrue(sync.isResponse());
            assertEquals(request.opaque(), sync.opaque());
            assertEquals(Map.of("k", "v"), sync.extFields());
            assertArrayEquals("sync".getBytes(StandardCharsets.UTF_8), sync.body());
            assertEquals(ProtocolVersion.CURRENT, sync.version(), "servers announce their version");
            assertEquals(LanguageCode.JAVA, sync.language());
            assertArrayEquals("async".getBytes(StandardCharsets.UTF_8), async.body());
            RemotingCommand oneway = oneways.poll(5, TimeUnit.SECONDS);
            assertNotNull(oneway);
            assertTrue(oneway.isOneway());
            assertEquals(Map.of("consumerGroup", "g"), oneway.extFields());
            assertEquals(0, client.inFlightCount());
        }
    }

    @Test
    void onewayRequestGetsNoResponseOnTheWire() throws Exception {
        try (RemotingServer server = new RemotingServer(Loopback.server("oneway-srv"))) {
            server.registerProcessor(new EchoProcessor(), BoundedExecutors.fixed("oneway-srv-echo", 1, 10), ECHO);
            server.start();
            try (RawConnection raw = new RawConnection(Loopback.HOST, server.port())) {
                RemotingCommand oneway = RemotingCommand.request(ECHO, null).asOneway();
                RemotingCommand normal = RemotingCommand.request(ECHO, null);

                raw.writeFrame(oneway);
                raw.writeFrame(normal);

                // The processor answers both; only the normal request's answer may be sent.
                assertEquals(normal.opaque(), raw.readFrame().opaque());
            }
        }
    }

    @Test
    void binaryHeaderRequestIsAnsweredInBinary() {
        try (RemotingServer server = new RemotingServer(Loopback.server("binary-srv"));
             RemotingClient client = new RemotingClient(Loopback.client("binary-cli"))) {
            server.registerProcessor(new EchoProcessor(), BoundedExecutors.fixed("binary-srv-echo", 1, 10), ECHO);
            startAll(server, client);

            RemotingCommand response = client.invokeSync(Loopback.address(server), RemotingCommand.request(ECHO, null)
                    .withExtFields(Map.of("x", "y")).withSerializeType(SerializeType.ROCKETMQ), 5_000);

            assertEquals(SerializeType.ROCKETMQ, response.serializeType());
            assertEquals(Map.of("x", "y"), response.extFields());
        }
    }

    @Test
    void manyConcurrentRequestsShareOneConnectionAndAreCorrelatedByOpaque() throws Exception {
        AtomicInteger connects = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try (RemotingServer server = new RemotingServer(Loopback.server("many-srv"));
             RemotingClient client = new RemotingClient(Loopback.client("many-cli"))) {
            server.registerProcessor(new EchoProcessor(), BoundedExecutors.fixed("many-srv-echo", 4, 2_000), ECHO);
            server.addChannelListener(new ChannelListener() {
                @Override
                public void onConnect(String remoteAddress, Channel channel) {
                    connects.incrementAndGet();
                }
            });
            startAll(server, client);
            String address = Loopback.address(server);

            List<CompletableFuture<Void>> checks = new ArrayList<>();
            for (int i = 0; i < 800; i++) {
                String id = Integer.toString(i);
                checks.add(CompletableFuture.supplyAsync(() -> RemotingCommand.request(ECHO, null,
                        id.getBytes(StandardCharsets.UTF_8)).withExtFields(Map.of("id", id)), senders)
                        .thenCompose(request -> client.invoke(address, request, 10_000)
                                .thenAccept(response -> {
                                    assertEquals(request.opaque(), response.opaque());
                                    assertEquals(id, response.extFields().get("id"));
                                    assertEquals(id, new String(response.body(), StandardCharsets.UTF_8));
                                })));
            }
            CompletableFuture.allOf(checks.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);

            assertEquals(1, server.connectionCount());
            assertEquals(1, connects.get());
            assertEquals(0, client.inFlightCount());
        } finally {
            senders.shutdownNow();
        }
    }

    /** A request whose answer the test completes. */
    private record Held(RemotingCommand request, CompletableFuture<RemotingCommand> answer) {
    }

    @Test
    void responsesMayComeOutOfOrder() throws Exception {
        BlockingQueue<Held> held = new LinkedBlockingQueue<>();
        List<Integer> answered = Collections.synchronizedList(new ArrayList<>());
        try (RemotingServer server = new RemotingServer(Loopback.server("order-srv"));
             RemotingClient client = new RemotingClient(Loopback.client("order-cli"))) {
            server.registerProcessor((context, request) -> {
                // Completed later by the test, as a long-polling pull is answered later.
                Held entry = new Held(request, new CompletableFuture<>());
                held.add(entry);
                return entry.answer();
            }, BoundedExecutors.fixed("order-srv-held", 1, 100), HELD);
            startAll(server, client);
            String address = Loopback.address(server);

            List<CompletableFuture<RemotingCommand>> responses = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                int index = i;
                responses.add(client.invoke(address, RemotingCommand.request(HELD, null, new byte[] {(byte) i}),
                        10_000).whenComplete((response, failure) -> answered.add(index)));
            }
            Await.until("5 requests held by the processor", () -> held.size() == 5);
            List<Held> requests = new ArrayList<>(held);
            requests.sort((a, b) -> Byte.compare(a.request().body()[0], b.request().body()[0]));
            for (int i = 4; i >= 0; i--) {
                Held entry = requests.get(i);
                entry.answer().complete(RemotingCommand.success(entry.request(), entry.request().body()));
                int expected = 5 - i;
                Await.until("response to request " + i, () -> answered.size() == expected);
            }

            assertEquals(List.of(4, 3, 2, 1, 0), answered);
            for (int i = 0; i < 5; i++) {
                assertArrayEquals(new byte[] {(byte) i}, responses.get(i).get().body());
            }
        }
    }

    @Test
    void serverSendsRequestsToTheClientOnTheSameConnection() throws Exception {
        AtomicReference<Channel> requester = new AtomicReference<>();
        AtomicReference<Channel> connected = new AtomicReference<>();
        try (RemotingServer server = new RemotingServer(Loopback.server("reverse-srv"));
             RemotingClient client = new RemotingClient(Loopback.client("reverse-cli"))) {
            server.registerProcessor((context, request) -> {
                requester.set(context.channel());
                return CompletableFuture.completedFuture(RemotingCommand.success(request, (byte[]) null));
            }, BoundedExecutors.fixed("reverse-srv-hb", 1, 10), RequestCode.HEART_BEAT);
            server.addChannelListener(new ChannelListener() {
                @Override
                public void onConnect(String remoteAddress, Channel channel) {
                    connected.set(channel);
                }
            });
            EchoProcessor clientSide = new EchoProcessor();
            client.registerProcessor(clientSide, BoundedExecutors.fixed("reverse-cli-notify", 1, 10),
                    RequestCode.GET_CONSUMER_RUNNING_INFO);
            startAll(server, client);
            client.invokeSync(Loopback.address(server), RemotingCommand.request(RequestCode.HEART_BEAT, null), 5_000);

            RemotingCommand viaContext = server.invoke(requester.get(), RemotingCommand.request(
                    RequestCode.GET_CONSUMER_RUNNING_INFO, null, new byte[] {1}), 5_000).get(5, TimeUnit.SECONDS);
            RemotingCommand viaListener = server.invoke(connected.get(), RemotingCommand.request(
                    RequestCode.GET_CONSUMER_RUNNING_INFO, null, new byte[] {2}), 5_000).get(5, TimeUnit.SECONDS);
            RemotingCommand unsupported = server.invoke(connected.get(), RemotingCommand.request(
                    RequestCode.CHECK_TRANSACTION_STATE, null), 5_000).get(5, TimeUnit.SECONDS);

            assertArrayEquals(new byte[] {1}, viaContext.body());
            assertArrayEquals(new byte[] {2}, viaListener.body());
            assertEquals(ResponseCode.REQUEST_CODE_NOT_SUPPORTED, unsupported.code());
            assertEquals(2, clientSide.received());
            assertEquals(1, server.connectionCount());
            assertEquals(0, server.inFlightCount());
            assertFalse(requester.get() != connected.get(), "one connection both ways");
        }
    }

    static void startAll(RemotingServer server, RemotingClient client) {
        try {
            server.start();
            client.start();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
