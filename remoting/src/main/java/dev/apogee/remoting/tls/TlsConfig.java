package dev.apogee.remoting.tls;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import javax.net.ssl.SSLException;

/**
 * TLS settings of a server or client endpoint. Off by default.
 *
 * @param mode                whether TLS is used
 * @param certificateChain    PEM certificate chain (server: required; client: for mutual TLS)
 * @param privateKey          PEM PKCS#8 private key matching the chain
 * @param privateKeyPassword  password of the key, or null when it is not encrypted
 * @param trustedCertificates PEM certificates to trust; null with {@code trustAll} false means the
 *                            JDK's default trust store
 * @param trustAll            clients only: accept any server certificate (the official client's
 *                            default when it does not authenticate the server)
 * @param requireClientAuth   servers only: demand a client certificate signed by a trusted one
 */
public record TlsConfig(TlsMode mode, Path certificateChain, Path privateKey, String privateKeyPassword,
                        Path trustedCertificates, boolean trustAll, boolean requireClientAuth) {

    public static final TlsConfig DISABLED = new TlsConfig(TlsMode.DISABLED, null, null, null, null, false, false);

    public TlsConfig {
        Objects.requireNonNull(mode, "mode");
    }

    /** A server that offers TLS with the given certificate chain and key. */
    public static TlsConfig server(TlsMode mode, Path certificateChain, Path privateKey) {
        return new TlsConfig(mode, certificateChain, privateKey, null, null, false, false);
    }

    /** A client that speaks TLS and trusts the given certificates (null: the JDK's defaults). */
    public static TlsConfig client(Path trustedCertificates) {
        return new TlsConfig(TlsMode.ENFORCING, null, null, null, trustedCertificates, false, false);
    }

    /** A client that speaks TLS and accepts any server certificate. */
    public static TlsConfig clientTrustingAll() {
        return new TlsConfig(TlsMode.ENFORCING, null, null, null, null, true, false);
    }

    public boolean enabled() {
        return mode != TlsMode.DISABLED;
    }

    /** The Netty context for a server endpoint. */
    public SslContext serverContext() throws IOException {
        if (certificateChain == null || privateKey == null) {
            throw new SSLException("a TLS server needs a certificate chain and a private key");
        }
        SslContextBuilder builder = SslContextBuilder.forServer(certificateChain.toFile(), privateKey.toFile(),
                privateKeyPassword);
        if (trustedCertificates != null) {
            builder.trustManager(trustedCertificates.toFile());
        }
        builder.clientAuth(requireClientAuth ? ClientAuth.REQUIRE : ClientAuth.NONE);
        return builder.build();
    }

    /** The Netty context for a client endpoint. */
    public SslContext clientContext() throws IOException {
        SslContextBuilder builder = SslContextBuilder.forClient();
        if (trustAll) {
            builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
        } else if (trustedCertificates != null) {
            builder.trustManager(trustedCertificates.toFile());
        }
        if (certificateChain != null && privateKey != null) {
            builder.keyManager(certificateChain.toFile(), privateKey.toFile(), privateKeyPassword);
        }
        return builder.build();
    }
}
