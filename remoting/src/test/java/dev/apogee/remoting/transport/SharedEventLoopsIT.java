package dev.apogee.remoting.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.remoting.codec.FrameLayout;
import dev.apogee.remoting.concurrent.BoundedExecutors;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.testing.EchoProcessor;
import dev.apogee.remoting.testing.Loopback;
import dev.apogee.remoting.testing.NettyLeakCheck;
import dev.apogee.remoting.tls.TlsConfig;
import io.netty.channel.EventLoopGroup;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Clients on the process's shared event loops: one group for all, alive while any client is. */
@ExtendWith(NettyLeakCheck.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SharedEventLoopsIT {

    private static final int ECHO = 9101;

    private static ClientConfig shared(String name) {
        return new ClientConfig(name, ClientConfig.SHARED_IO, Duration.ofSeconds(2),
                FrameLayout.DEFAULT_MAX_FRAME_LENGTH, Duration.ZERO, 1024, TlsConfig.DISABLED);
    }

    private static String echo(RemotingClient client, String address, String text) {
        RemotingCommand answer = client.invokeSync(address,
                RemotingCommand.request(ECHO, null, text.getBytes(StandardCharsets.UTF_8)), 5_000);
        return new String(answer.body(), StandardCharsets.UTF_8);
    }

    @Test
    void clientsShareOneGroupThatStopsWithTheLastOfThem() throws Exception {
        int before = SharedEventLoops.users();
        try (RemotingServer server = new RemotingServer(Loopback.server("shared-srv"))) {
            server.registerProcessor(new EchoProcessor(), BoundedExecutors.fixed("shared-srv-echo", 1, 100), ECHO);
            server.start();
            String address = Loopback.address(server);

            RemotingClient first = new RemotingClient(shared("shared-a"));
            RemotingClient second = new RemotingClient(shared("shared-b"));
            first.start();
            second.start();
            assertEquals(before + 2, SharedEventLoops.users());
            assertEquals("a", echo(first, address, "a"));
            assertEquals("b", echo(second, address, "b"));
            EventLoopGroup group;
            try (SharedEventLoops.Lease probe = SharedEventLoops.acquire()) {
                group = probe.group();
                String loopThread = group.next().submit(() -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS);
                assertTrue(loopThread.startsWith("apogee-shared-io"), loopThread);
            }

            first.close();
            assertEquals(before + 1, SharedEventLoops.users());
            assertEquals("still", echo(second, address, "still"), "the group outlives a client that closed");
            second.close();
            assertEquals(before, SharedEventLoops.users());
            if (before == 0) {
                assertTrue(group.isShutdown(), "the last client stops the group");
            }

            try (RemotingClient later = new RemotingClient(shared("shared-c"))) {
                later.start();
                assertEquals("again", echo(later, address, "again"));
                try (SharedEventLoops.Lease probe = SharedEventLoops.acquire()) {
                    if (before == 0) {
                        assertNotSame(group, probe.group(), "a client after the last one starts a new group");
                    } else {
                        assertSame(group, probe.group());
                    }
                }
            }
        }
    }

    @Test
    void aClientWithThreadsOfItsOwnDoesNotTouchTheSharedGroup() throws Exception {
        int before = SharedEventLoops.users();
        try (RemotingServer server = new RemotingServer(Loopback.server("own-srv"));
             RemotingClient own = new RemotingClient(Loopback.client("own-cli"))) {
            server.registerProcessor(new EchoProcessor(), BoundedExecutors.fixed("own-srv-echo", 1, 100), ECHO);
            server.start();
            own.start();
            assertArrayEquals("x".getBytes(StandardCharsets.UTF_8), own.invokeSync(Loopback.address(server),
                    RemotingCommand.request(ECHO, null, "x".getBytes(StandardCharsets.UTF_8)), 5_000).body());
            assertEquals(before, SharedEventLoops.users());
        }
    }
}
