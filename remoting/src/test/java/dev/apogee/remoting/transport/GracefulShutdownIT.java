package dev.apogee.remoting.transport;

import static dev.apogee.remoting.transport.RemotingInvocationIT.ECHO;
import static dev.apogee.remoting.transport.RemotingInvocationIT.startAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.remoting.concurrent.BoundedExecutors;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.testing.Await;
import dev.apogee.remoting.testing.EchoProcessor;
import dev.apogee.remoting.testing.Loopback;
import dev.apogee.remoting.testing.NettyLeakCheck;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Shutdown answers what it accepted, refuses what comes later, and leaves no threads behind. */
@ExtendWith(NettyLeakCheck.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GracefulShutdownIT {

    static final int SLOW = 9301;

    @Test
    void requestInProgressIsAnsweredAndLaterOnesRefused() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RemotingServer server = new RemotingServer(Loopback.server("drainsrv"));
        try (RemotingClient client = new RemotingClient(Loopback.client("drain-cli"))) {
            server.registerProcessor((context, request) -> {
                entered.countDown();
                release.await();
                return CompletableFuture.completedFuture(RemotingCommand.success(request, new byte[] {42}));
            }, BoundedExecutors.fixed("drainsrv-slow", 1, 10), SLOW);
            server.registerProcessor(new EchoProcessor(), BoundedExecutors.fixed("drainsrv-echo", 1, 10), ECHO);
            startAll(server, client);
            int port = server.port();
            String address = Loopback.address(server);
            CompletableFuture<RemotingCommand> inProgress = client.invoke(address,
                    RemotingCommand.request(SLOW, null), 30_000);
            assertTrue(entered.await(10, TimeUnit.SECONDS));

            CompletableFuture<Void> shutdown = CompletableFuture.runAsync(server::shutdown);
            Await.until("the listener to refuse connections", () -> refusesConnections(port));
            RemotingCommand duringDrain = client.invokeSync(address, RemotingCommand.request(ECHO, null), 5_000);
            RemotingConnectException newConnection = org.junit.jupiter.api.Assertions.assertThrows(
                    RemotingConnectException.class, () -> {
                        try (RemotingClient late = new RemotingClient(Loopback.client("drain-late"))) {
                            late.start();
                            late.invokeSync(address, RemotingCommand.request(ECHO, null), 5_000);
                        }
                    });
            release.countDown();
            RemotingCommand answered = inProgress.get(10, TimeUnit.SECONDS);
            shutdown.get(20, TimeUnit.SECONDS);

            assertEquals(ResponseCode.SYSTEM_BUSY, duringDrain.code());
            assertTrue(newConnection.getMessage().contains("connect"), newConnection.getMessage());
            assertEquals(ResponseCode.SUCCESS, answered.code());
            assertEquals(42, answered.body()[0]);
            Await.until("the server's threads to end", () -> threadsNamed("drainsrv").isEmpty());
        } finally {
            release.countDown();
            server.shutdown();
        }
    }

    @Test
    void shutdownOfAnIdleServerStopsEveryThreadItOwns() throws Exception {
        RemotingServer server = new RemotingServer(Loopback.server("idlestop"));
        server.registerProcessor(new EchoProcessor(), BoundedExecutors.fixed("idlestop-echo", 2, 10), ECHO);
        try (RemotingClient client = new RemotingClient(Loopback.client("stopcheck-cli"))) {
            startAll(server, client);
            client.invokeSync(Loopback.address(server), RemotingCommand.request(ECHO, null), 5_000);
            assertTrue(!threadsNamed("idlestop").isEmpty(), "the server runs threads named after it");

            server.shutdown();
            server.shutdown();

            Await.until("the server's threads to end", () -> threadsNamed("idlestop").isEmpty());
        } finally {
            server.shutdown();
        }
        Await.until("the client's threads to end", () -> threadsNamed("stopcheck-cli").isEmpty());
    }

    private static boolean refusesConnections(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(Loopback.HOST, port), 1_000);
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith(prefix))
                .collect(Collectors.toList());
    }
}
