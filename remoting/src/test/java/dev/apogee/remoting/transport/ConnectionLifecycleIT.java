package dev.apogee.remoting.transport;

import static dev.apogee.remoting.transport.RemotingInvocationIT.ECHO;
import static dev.apogee.remoting.transport.RemotingInvocationIT.startAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.remoting.concurrent.BoundedExecutors;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.testing.Await;
import dev.apogee.remoting.testing.EchoProcessor;
import dev.apogee.remoting.testing.Loopback;
import dev.apogee.remoting.testing.NettyLeakCheck;
import dev.apogee.remoting.testing.RawConnection;
import io.netty.channel.Channel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Connections opening, closing, idling out, and being cut for bad input. */
@ExtendWith(NettyLeakCheck.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConnectionLifecycleIT {

    static final int SILENT = 9201;

    /** Records the events of one endpoint. */
    static final class Events implements ChannelListener {
        final List<Channel> connected = new CopyOnWriteArrayList<>();
        final List<Channel> closed = new CopyOnWriteArrayList<>();
        final List<Channel> idle = new CopyOnWriteArrayList<>();

        @Override
        public void onConnect(String remoteAddress, Channel channel) {
            connected.add(channel);
        }

        @Override
        public void onClose(String remoteAddress, Channel channel) {
            closed.add(channel);
        }

        @Override
        public void onIdle(String remoteAddress, Channel channel) {
            idle.add(channel);
        }
    }

    @Test
    void serverSeesTheClientDisconnect() throws Exception {
        Events serverEvents = new Events();
        try (RemotingServer server = new RemotingServer(Loopback.server("disc-srv"));
             RemotingClient client = new RemotingClient(Loopback.client("disc-cli"))) {
            server.registerProcessor(new EchoProcessor(), BoundedExecutors.fixed("disc-srv-echo", 1, 10), ECHO);
            server.addChannelListener(serverEvents);
            startAll(server, client);
            String address = Loopback.address(server);
            Channel clientChannel = client.channel(address).get(5, TimeUnit.SECONDS);
            Await.until("the server to see the connection", () -> serverEvents.connected.size() == 1);

            client.closeChannel(address);

            Await.until("the server's close event", () -> serverEvents.closed.size() == 1);
            assertEquals(serverEvents.connected.get(0), serverEvents.closed.get(0));
            assertEquals(clientChannel.localAddress(), serverEvents.closed.get(0).remoteAddress());
            Await.until("no server connections", () -> server.connectionCount() == 0);
            // The client reconnects on the next request.
            assertEquals(ResponseCode.SUCCESS, client.invokeSync(address, RemotingCommand.request(ECHO, null),
                    5_000).code());
            assertEquals(2, serverEvents.connected.size());
        }
    }

    @Test
    void clientSeesTheServerCloseAndItsPendingRequestFails() throws Exception {
        Events serverEvents = new Events();
        Events clientEvents = new Events();
        try (RemotingServer server = new RemotingServer(Loopback.server("sclose-srv")
                .withShutdownTimeout(Duration.ofMillis(200)));
             RemotingClient client = new RemotingClient(Loopback.client("sclose-cli"))) {
            server.registerProcessor((context, request) -> new CompletableFuture<>(),
                    BoundedExecutors.fixed("sclose-srv-silent", 1, 10), SILENT);
            server.addChannelListener(serverEvents);
            client.addChannelListener(clientEvents);
            startAll(server, client);
            String address = Loopback.address(server);
            CompletableFuture<RemotingCommand> pending = client.invoke(address, RemotingCommand.request(SILENT, null),
                    30_000);
            Await.until("the server to see the connection", () -> serverEvents.connected.size() == 1);
            Await.until("the request to be in flight", () -> client.inFlightCount() == 1);

            serverEvents.connected.get(0).close();

            Await.until("the client's close event", () -> clientEvents.closed.size() == 1);
            ExecutionException failure = assertThrows(ExecutionException.class,
                    () -> pending.get(5, TimeUnit.SECONDS));
            assertInstanceOf(RemotingConnectException.class, failure.getCause());
            assertEquals(0, client.inFlightCount());
        }
    }

    @Test
    void serverClosesIdleConnections() throws Exception {
        Events serverEvents = new Events();
        Events clientEvents = new Events();
        try (RemotingServer server = new RemotingServer(Loopback.server("idle-srv")
                .withIdleTimeout(Duration.ofMillis(300)));
             RemotingClient client = new RemotingClient(Loopback.client("idle-cli"))) {
            server.registerProcessor(new EchoProcessor(), BoundedExecutors.fixed("idle-srv-echo", 1, 10), ECHO);
            server.addChannelListener(serverEvents);
            client.addChannelListener(clientEvents);
            startAll(server, client);

            client.invokeSync(Loopback.address(server), RemotingCommand.request(ECHO, null), 5_000);

            Await.until("the server's idle event", () -> serverEvents.idle.size() == 1);
            Await.until("the server's close event", () -> serverEvents.closed.size() == 1);
            Await.until("the client's close event", () -> clientEvents.closed.size() == 1);
            assertEquals(0, clientEvents.idle.size(), "the client has no idle limit");
        }
    }

    @Test
    void clientClosesIdleConnections() throws Exception {
        Events clientEvents = new Events();
        try (RemotingServer server = new RemotingServer(Loopback.server("cidle-srv"));
             RemotingClient client = new RemotingClient(Loopback.client("cidle-cli")
                     .withIdleTimeout(Duration.ofMillis(300)))) {
            client.addChannelListener(clientEvents);
            startAll(server, client);

            client.channel(Loopback.address(server)).get(5, TimeUnit.SECONDS);

            Await.until("the client's idle event", () -> clientEvents.idle.size() == 1);
            Await.until("the client's close event", () -> clientEvents.closed.size() == 1);
            Await.until("no server connections", () -> server.connectionCount() == 0);
        }
    }

    @Test
    void badFramesCloseOnlyTheirOwnConnection() throws Exception {
        Events serverEvents = new Events();
        try (RemotingServer server = new RemotingServer(Loopback.server("garbage-srv")
                .withMaxFrameLength(1024 * 1024));
             RemotingClient client = new RemotingClient(Loopback.client("garbage-cli"))) {
            server.registerProcessor(new EchoProcessor(), BoundedExecutors.fixed("garbage-srv-echo", 1, 10), ECHO);
            server.addChannelListener(serverEvents);
            startAll(server, client);
            String address = Loopback.address(server);
            client.invokeSync(address, RemotingCommand.request(ECHO, null), 5_000);

            try (RawConnection oversized = new RawConnection(Loopback.HOST, server.port());
                 RawConnection garbage = new RawConnection(Loopback.HOST, server.port());
                 RawConnection goodThenBad = new RawConnection(Loopback.HOST, server.port())) {
                oversized.writeLengthWord(Integer.MAX_VALUE);
                garbage.write(frameWithHeader("{not json at all".getBytes(StandardCharsets.UTF_8)));
                RemotingCommand request = RemotingCommand.request(ECHO, null);
                goodThenBad.writeFrame(request);
                assertEquals(request.opaque(), goodThenBad.readFrame().opaque());
                goodThenBad.writeLengthWord(-7);

                assertTrue(oversized.awaitClosedByPeer(Duration.ofSeconds(5)), "oversized frame closes");
                assertTrue(garbage.awaitClosedByPeer(Duration.ofSeconds(5)), "garbage header closes");
                assertTrue(goodThenBad.awaitClosedByPeer(Duration.ofSeconds(5)), "negative length closes");
            }

            Await.until("the raw connections to be gone", () -> server.connectionCount() == 1);
            assertEquals(ResponseCode.SUCCESS, client.invokeSync(address, RemotingCommand.request(ECHO, null),
                    5_000).code());
            assertEquals(4, serverEvents.connected.size());
            assertTrue(serverEvents.closed.stream().noneMatch(channel -> channel == serverEvents.connected.get(0)),
                    "the well-behaved client's connection stayed open");
        }
    }

    private static byte[] frameWithHeader(byte[] header) {
        return ByteBuffer.allocate(8 + header.length).putInt(4 + header.length).putInt(header.length).put(header)
                .array();
    }
}
