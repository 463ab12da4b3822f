package dev.apogee.remoting.transport;

import static dev.apogee.remoting.transport.RemotingInvocationIT.ECHO;
import static dev.apogee.remoting.transport.RemotingInvocationIT.startAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.remoting.concurrent.BoundedExecutors;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.testing.EchoProcessor;
import dev.apogee.remoting.testing.Loopback;
import dev.apogee.remoting.testing.NettyLeakCheck;
import dev.apogee.remoting.testing.RawConnection;
import dev.apogee.remoting.testing.TestCertificates;
import dev.apogee.remoting.tls.TlsMode;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** TLS with the committed test certificate, in each server mode. */
@ExtendWith(NettyLeakCheck.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsIT {

    @Test
    void enforcingServerServesATlsClient() throws Exception {
        try (RemotingServer server = tlsServer("tls-enf-srv", TlsMode.ENFORCING);
             RemotingClient client = new RemotingClient(Loopback.client("tls-enf-cli")
                     .withTls(TestCertificates.client()))) {
            client.start();
            String address = Loopback.address(server);

            RemotingCommand response = client.invokeSync(address, RemotingCommand.request(ECHO, null,
                    new byte[] {7}), 5_000);

            assertEquals(ResponseCode.SUCCESS, response.code());
            assertEquals(7, response.body()[0]);
            Channel channel = client.channel(address).get(5, TimeUnit.SECONDS);
            assertNotNull(channel.pipeline().get(SslHandler.class));
        }
    }

    @Test
    void permissiveServerServesTlsAndPlainClients() throws Exception {
        try (RemotingServer server = tlsServer("tls-perm-srv", TlsMode.PERMISSIVE);
             RemotingClient tls = new RemotingClient(Loopback.client("tls-perm-tls")
                     .withTls(TestCertificates.client()));
             RemotingClient plain = new RemotingClient(Loopback.client("tls-perm-plain"))) {
            tls.start();
            plain.start();
            String address = Loopback.address(server);

            RemotingCommand viaTls = tls.invokeSync(address, RemotingCommand.request(ECHO, null), 5_000);
            RemotingCommand viaPlain = plain.invokeSync(address, RemotingCommand.request(ECHO, null), 5_000);

            assertEquals(ResponseCode.SUCCESS, viaTls.code());
            assertEquals(ResponseCode.SUCCESS, viaPlain.code());
            assertNotNull(tls.channel(address).get(5, TimeUnit.SECONDS).pipeline().get(SslHandler.class));
            assertNull(plain.channel(address).get(5, TimeUnit.SECONDS).pipeline().get(SslHandler.class));
            assertEquals(2, server.connectionCount());
        }
    }

    @Test
    void enforcingServerClosesAPlainClient() throws Exception {
        try (RemotingServer server = tlsServer("tls-plain-srv", TlsMode.ENFORCING);
             RemotingClient plain = new RemotingClient(Loopback.client("tls-plain-cli"))) {
            plain.start();

            RemotingException failure = assertThrows(RemotingException.class, () -> plain.invokeSync(
                    Loopback.address(server), RemotingCommand.request(ECHO, null), 5_000));

            assertInstanceOf(RemotingConnectException.class, failure, "closed, not timed out: " + failure);
            try (RawConnection raw = new RawConnection(Loopback.HOST, server.port())) {
                raw.writeFrame(RemotingCommand.request(ECHO, null));
                assertTrue(raw.awaitClosedByPeer(Duration.ofSeconds(5)));
            }
        }
    }

    @Test
    void tlsClientFailsToConnectToAPlainServer() throws Exception {
        try (RemotingServer server = new RemotingServer(Loopback.server("tls-none-srv"));
             RemotingClient tls = new RemotingClient(Loopback.client("tls-none-cli")
                     .withTls(TestCertificates.client()))) {
            server.registerProcessor(new EchoProcessor(), BoundedExecutors.fixed("tls-none-srv-echo", 1, 10), ECHO);
            startAll(server, tls);

            // The plain server reads the ClientHello as an oversized frame and closes: a handshake failure.
            assertThrows(RemotingConnectException.class, () -> tls.invokeSync(Loopback.address(server),
                    RemotingCommand.request(ECHO, null), 5_000));
        }
    }

    private static RemotingServer tlsServer(String name, TlsMode mode) throws Exception {
        RemotingServer server = new RemotingServer(Loopback.server(name).withTls(TestCertificates.server(mode)));
        server.registerProcessor(new EchoProcessor(), BoundedExecutors.fixed(name + "-echo", 1, 10), ECHO);
        server.start();
        return server;
    }
}
