package dev.apogee.remoting.transport;

import static dev.apogee.remoting.transport.RemotingInvocationIT.startAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.remoting.concurrent.BoundedExecutors;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.header.CommandHeader;
import dev.apogee.remoting.testing.Await;
import dev.apogee.remoting.testing.Loopback;
import dev.apogee.remoting.testing.NettyLeakCheck;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every request that cannot be served still gets the right answer, or the caller the right exception. */
@ExtendWith(NettyLeakCheck.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RequestFailureIT {

    static final int TOPIC_QUERY = 9101;
    static final int THROWING = 9102;
    static final int FAILED_FUTURE = 9103;
    static final int BLOCKING = 9104;
    static final int SILENT = 9105;

    public record TopicQuery(String topic, int queueId) implements CommandHeader {
    }

    @Test
    void unknownCodeIsNotSupported() {
        try (RemotingServer server = new RemotingServer(Loopback.server("unknown-srv"));
             RemotingClient client = new RemotingClient(Loopback.client("unknown-cli"))) {
            startAll(server, client);

            RemotingCommand response = client.invokeSync(Loopback.address(server),
                    RemotingCommand.request(12345, null), 5_000);

            assertEquals(ResponseCode.REQUEST_CODE_NOT_SUPPORTED, response.code());
            assertTrue(response.isResponse());
            assertTrue(response.remark().contains("12345"), response.remark());
        }
    }

    @Test
    void badHeaderAndFailingProcessorsAnswerSystemError() {
        try (RemotingServer server = new RemotingServer(Loopback.server("error-srv"));
             RemotingClient client = new RemotingClient(Loopback.client("error-cli"))) {
            server.registerProcessor((context, request) -> {
                TopicQuery query = request.header(TopicQuery.class);
                return CompletableFuture.completedFuture(RemotingCommand.success(request, query));
            }, BoundedExecutors.fixed("error-srv-query", 1, 10), TOPIC_QUERY);
            server.registerProcessor((context, request) -> {
                throw new IllegalStateException("processor exploded");
            }, BoundedExecutors.fixed("error-srv-throw", 1, 10), THROWING);
            server.registerProcessor((context, request) -> CompletableFuture.failedFuture(
                    new IllegalArgumentException("failed later")), BoundedExecutors.fixed("error-srv-fail", 1, 10),
                    FAILED_FUTURE);
            startAll(server, client);
            String address = Loopback.address(server);

            RemotingCommand ok = client.invokeSync(address, RemotingCommand.request(TOPIC_QUERY,
                    new TopicQuery("t", 2)), 5_000);
            RemotingCommand missing = client.invokeSync(address, RemotingCommand.request(TOPIC_QUERY, null)
                    .withExtFields(Map.of("topic", "t")), 5_000);
            RemotingCommand notNumber = client.invokeSync(address, RemotingCommand.request(TOPIC_QUERY, null)
                    .withExtFields(Map.of("topic", "t", "queueId", "first")), 5_000);
            RemotingCommand thrown = client.invokeSync(address, RemotingCommand.request(THROWING, null), 5_000);
            RemotingCommand failed = client.invokeSync(address, RemotingCommand.request(FAILED_FUTURE, null), 5_000);

            assertEquals(ResponseCode.SUCCESS, ok.code());
            assertEquals(Map.of("topic", "t", "queueId", "2"), ok.extFields());
            assertEquals(ResponseCode.SYSTEM_ERROR, missing.code());
            assertTrue(missing.remark().contains("queueId"), missing.remark());
            assertEquals(ResponseCode.SYSTEM_ERROR, notNumber.code());
            assertTrue(notNumber.remark().contains("queueId"), notNumber.remark());
            assertEquals(ResponseCode.SYSTEM_ERROR, thrown.code());
            assertEquals("processor exploded", thrown.remark());
            assertEquals(ResponseCode.SYSTEM_ERROR, failed.code());
            assertEquals("failed later", failed.remark());
        }
    }

    @Test
    void fullExecutorAnswersSystemBusy() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        ThreadPoolExecutor executor = (ThreadPoolExecutor) BoundedExecutors.fixed("busy-srv-blocking", 1, 1);
        try (RemotingServer server = new RemotingServer(Loopback.server("busy-srv"));
             RemotingClient client = new RemotingClient(Loopback.client("busy-cli"))) {
            server.registerProcessor((context, request) -> {
                entered.countDown();
                release.await();
                return CompletableFuture.completedFuture(RemotingCommand.success(request, (byte[]) null));
            }, executor, BLOCKING);
            startAll(server, client);
            String address = Loopback.address(server);

            CompletableFuture<RemotingCommand> running = client.invoke(address,
                    RemotingCommand.request(BLOCKING, null), 10_000);
            assertTrue(entered.await(10, TimeUnit.SECONDS));
            CompletableFuture<RemotingCommand> queued = client.invoke(address,
                    RemotingCommand.request(BLOCKING, null), 10_000);
            Await.until("the second request to wait in the queue", () -> executor.getQueue().size() == 1);
            RemotingCommand rejected = client.invokeSync(address, RemotingCommand.request(BLOCKING, null), 5_000);
            release.countDown();

            assertEquals(ResponseCode.SYSTEM_BUSY, rejected.code());
            assertEquals(ResponseCode.SUCCESS, running.get(10, TimeUnit.SECONDS).code());
            assertEquals(ResponseCode.SUCCESS, queued.get(10, TimeUnit.SECONDS).code());
        } finally {
            release.countDown();
        }
    }

    @Test
    void unansweredRequestTimesOutAndLeavesNothingInFlight() {
        try (RemotingServer server = new RemotingServer(Loopback.server("timeout-srv")
                // The silent processor never answers: do not wait the full drain time for it.
                .withShutdownTimeout(java.time.Duration.ofMillis(200)));
             RemotingClient client = new RemotingClient(Loopback.client("timeout-cli"))) {
            server.registerProcessor((context, request) -> new CompletableFuture<>(),
                    BoundedExecutors.fixed("timeout-srv-silent", 1, 100), SILENT);
            startAll(server, client);
            String address = Loopback.address(server);
            client.channel(address).join();

            long start = System.nanoTime();
            assertThrows(RemotingTimeoutException.class,
                    () -> client.invokeSync(address, RemotingCommand.request(SILENT, null), 300));
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            // Very short timeouts must fire too, even if the timer would run before the request is stored.
            for (int i = 0; i < 50; i++) {
                assertThrows(RemotingTimeoutException.class,
                        () -> client.invokeSync(address, RemotingCommand.request(SILENT, null), 1));
            }

            assertTrue(elapsedMillis >= 250 && elapsedMillis < 5_000, elapsedMillis + " ms");
            assertEquals(0, client.inFlightCount());
        }
    }

    @Test
    void connectingToAClosedPortFailsQuickly() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName(Loopback.HOST))) {
            closedPort = socket.getLocalPort();
        }
        try (RemotingClient client = new RemotingClient(Loopback.client("refused-cli"))) {
            client.start();

            long start = System.nanoTime();
            assertThrows(RemotingConnectException.class, () -> client.invokeSync(Loopback.HOST + ":" + closedPort,
                    RemotingCommand.request(1, null), 10_000));
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertTrue(elapsedMillis < 1_500, "took " + elapsedMillis + " ms");
            assertEquals(0, client.inFlightCount());
        }
    }

    @Test
    void badAddressFailsAsConnectFailure() throws Exception {
        try (RemotingClient client = new RemotingClient(Loopback.client("badaddr-cli"))) {
            client.start();

            assertThrows(RemotingConnectException.class,
                    () -> client.invokeSync("no-port-here", RemotingCommand.request(1, null), 1_000));
        }
    }
}
