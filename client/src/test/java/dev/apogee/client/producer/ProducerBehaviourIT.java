package dev.apogee.client.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.client.BackPressureException;
import dev.apogee.client.BrokerRefusedException;
import dev.apogee.client.ClientClosedException;
import dev.apogee.client.auth.Credentials;
import dev.apogee.client.auth.RequestSigner;
import dev.apogee.client.core.ClientRuntime;
import dev.apogee.client.message.Message;
import dev.apogee.client.testing.StubServer;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.tls.TlsMode;
import dev.apogee.remoting.testing.Await;
import dev.apogee.remoting.testing.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The producer's own behaviour (retries, back pressure, close, signing, TLS) against scripted stub servers. */
@Timeout(60)
class ProducerBehaviourIT {

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

    private static Message message(int i) {
        return Message.of("Stubbed", ("m" + i).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aRetriableRefusalIsRetriedOnTheOtherBroker() throws Exception {
        StubServer busy = closing(StubServer.start("busy"));
        StubServer healthy = closing(StubServer.start("healthy"));
        StubServer namesrv = closing(StubServer.start("ns")).withBroker(busy).withBroker(healthy);
        busy.onSend(request -> CompletableFuture.completedFuture(
                RemotingCommand.responseTo(request, ResponseCode.SYSTEM_BUSY, "too busy")));
        Producer producer = closing(Producer.builder().nameServers(namesrv.address()).group("retrying").build());

        for (int i = 0; i < 6; i++) {
            SendResult result = producer.send(message(i));
            assertEquals("healthy", result.queue().brokerName());
            assertEquals(SendStatus.SEND_OK, result.status());
            assertEquals("StubRegion", result.regionId());
        }
        assertEquals(1, busy.count(RequestCode.SEND_MESSAGE_V2), "the refusing broker is avoided after it failed once");
    }

    @Test
    void aNonRetriableRefusalReachesTheCallerWithItsCode() throws Exception {
        StubServer broker = closing(StubServer.start("strict"));
        StubServer namesrv = closing(StubServer.start("ns")).withBroker(broker);
        broker.onSend(request -> CompletableFuture.completedFuture(
                RemotingCommand.responseTo(request, ResponseCode.MESSAGE_ILLEGAL, "nope")));
        Producer producer = closing(Producer.builder().nameServers(namesrv.address()).group("strict").build());

        BrokerRefusedException refused = assertThrows(BrokerRefusedException.class, () -> producer.send(message(1)));
        assertEquals(ResponseCode.MESSAGE_ILLEGAL, refused.responseCode());
        assertTrue(refused.getMessage().contains("MESSAGE_ILLEGAL") && refused.getMessage().contains("nope"),
                refused.getMessage());
        assertEquals(1, broker.count(RequestCode.SEND_MESSAGE_V2), "not retried");
        ExecutionException async = assertThrows(ExecutionException.class, () -> producer.sendAsync(message(2)).get());
        assertTrue(async.getCause() instanceof BrokerRefusedException);
    }

    @Test
    void asyncSendsBeyondTheLimitBlockThenFailWithBackPressure() throws Exception {
        StubServer broker = closing(StubServer.start("slow"));
        StubServer namesrv = closing(StubServer.start("ns")).withBroker(broker);
        List<CompletableFuture<RemotingCommand>> held = new CopyOnWriteArrayList<>();
        broker.onSend(request -> {
            CompletableFuture<RemotingCommand> answer = new CompletableFuture<>();
            held.add(answer);
            return answer.thenApply(ignored -> broker.stored(request));
        });
        Producer producer = closing(Producer.builder().nameServers(namesrv.address()).group("pressed")
                .sendTimeout(Duration.ofSeconds(20)).backPressure(2, Duration.ofMillis(200)).build());

        CompletableFuture<SendResult> first = producer.sendAsync(message(1));
        CompletableFuture<SendResult> second = producer.sendAsync(message(2));
        long start = System.nanoTime();
        BackPressureException pressed = assertThrows(BackPressureException.class, () -> producer.sendAsync(message(3)));
        assertTrue(System.nanoTime() - start >= 190_000_000L, "the caller blocked for the back-pressure wait");
        assertTrue(pressed.getMessage().contains("2 asynchronous sends"), pressed.getMessage());
        assertEquals(2, producer.inFlightAsync());

        Await.until("both sends reach the broker", () -> held.size() == 2);
        // The two sends may reach the broker in either order: answering the first to arrive frees a slot.
        held.get(0).complete(null);
        CompletableFuture.anyOf(first, second).get();
        CompletableFuture<SendResult> third = producer.sendAsync(message(3));
        held.get(1).complete(null);
        Await.until("the third send reaches the broker", () -> held.size() == 3);
        held.get(2).complete(null);
        assertEquals(SendStatus.SEND_OK, first.get().status());
        assertEquals(SendStatus.SEND_OK, second.get().status());
        assertEquals(SendStatus.SEND_OK, third.get().status());
    }

    @Test
    void closeWaitsForAsyncSendsInFlightThenLeavesTheGroup() throws Exception {
        StubServer broker = closing(StubServer.start("holding"));
        StubServer namesrv = closing(StubServer.start("ns")).withBroker(broker);
        List<CompletableFuture<RemotingCommand>> held = new CopyOnWriteArrayList<>();
        broker.onSend(request -> {
            CompletableFuture<RemotingCommand> answer = new CompletableFuture<>();
            held.add(answer);
            return answer.thenApply(ignored -> broker.stored(request));
        });
        Producer producer = Producer.builder().nameServers(namesrv.address()).group("closing")
                .sendTimeout(Duration.ofSeconds(20)).build();
        List<CompletableFuture<SendResult>> sends = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sends.add(producer.sendAsync(message(i)));
        }
        Await.until("every send reaches the broker", () -> held.size() == 5);

        CompletableFuture<Void> closed = CompletableFuture.runAsync(producer::close);
        Await.until("close refuses new sends", () -> {
            try {
                producer.sendAsync(message(99));
                return false;
            } catch (ClientClosedException e) {
                return true;
            }
        });
        assertFalse(closed.isDone(), "close waits while sends are in flight");
        held.forEach(answer -> answer.complete(null));
        closed.get();
        for (CompletableFuture<SendResult> send : sends) {
            assertTrue(send.isDone());
            assertEquals(SendStatus.SEND_OK, send.get().status());
        }
        assertEquals(1, broker.count(RequestCode.UNREGISTER_CLIENT), "the group left the broker after the sends");
        assertThrows(ClientClosedException.class, () -> producer.send(message(100)));
    }

    @Test
    void everyRequestIsSignedWhenCredentialsAreSet() throws Exception {
        StubServer broker = closing(StubServer.start("acl"));
        StubServer namesrv = closing(StubServer.start("ns")).withBroker(broker);
        Producer producer = closing(Producer.builder().nameServers(namesrv.address()).group("signed")
                .credentials(Credentials.of("ak", "sk")).build());
        producer.send(message(1));

        List<RemotingCommand> all = new ArrayList<>(namesrv.received());
        all.addAll(broker.received());
        assertTrue(all.stream().anyMatch(r -> r.code() == RequestCode.SEND_MESSAGE_V2));
        RequestSigner verifier = new RequestSigner(Credentials.of("ak", "sk"));
        for (RemotingCommand request : all) {
            assertEquals("ak", request.extFields().get(RequestSigner.ACCESS_KEY), request.toString());
            String signature = request.extFields().get(RequestSigner.SIGNATURE);
            assertNotNull(signature, request.toString());
            assertEquals(verifier.signature(new TreeMap<>(request.extFields()), request.body()), signature,
                    "the signature covers the fields as received and the body");
        }
    }

    @Test
    void sendsGoOverTls() throws Exception {
        StubServer broker = closing(StubServer.start("tls", TestCertificates.server(TlsMode.ENFORCING)));
        StubServer namesrv = closing(StubServer.start("ns", TestCertificates.server(TlsMode.ENFORCING)))
                .withBroker(broker);
        Producer producer = closing(Producer.builder().nameServers(namesrv.address()).group("secure")
                .tls(TestCertificates.client()).build());
        assertEquals(SendStatus.SEND_OK, producer.send(message(1)).status());
        assertEquals(1, broker.count(RequestCode.SEND_MESSAGE_V2));
    }

    @Test
    void producersOnOneRuntimeShareItsConnectionsAndRoutes() throws Exception {
        StubServer broker = closing(StubServer.start("shared"));
        StubServer namesrv = closing(StubServer.start("ns")).withBroker(broker);
        ClientRuntime runtime = closing(ClientRuntime.builder().nameServers(namesrv.address()).build());
        Producer first = closing(Producer.builder().runtime(runtime).group("first").build());
        Producer second = closing(Producer.builder().runtime(runtime).group("second").build());
        first.send(message(1));
        second.send(message(2));
        assertEquals(1, namesrv.count(RequestCode.GET_ROUTEINFO_BY_TOPIC), "one route lookup for both");
        assertEquals(first.runtime().clientId(), second.runtime().clientId());
        assertThrows(IllegalArgumentException.class,
                () -> Producer.builder().runtime(runtime).nameServers("127.0.0.1:1").group("third").build());
        second.close();
        assertFalse(runtime.isClosed(), "a producer does not close a runtime it was given");
        assertEquals(SendStatus.SEND_OK, first.send(message(3)).status());
    }
}
