package dev.apogee.remoting.testing;

import dev.apogee.remoting.tls.TlsConfig;
import dev.apogee.remoting.tls.TlsMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The committed self-signed test certificate (CN=localhost, SAN 127.0.0.1) and its key, copied to
 * temporary files because the TLS settings take paths and the resources may sit inside a jar.
 */
public final class TestCertificates {

    private static final Path DIRECTORY = copyResources();

    private TestCertificates() {
    }

    /** PEM certificate, also the trust anchor for clients. */
    public static Path certificate() {
        return DIRECTORY.resolve("server.crt");
    }

    /** PEM PKCS#8 unencrypted private key. */
    public static Path privateKey() {
        return DIRECTORY.resolve("server.key");
    }

    /** Server TLS settings in {@code mode} with the test certificate. */
    public static TlsConfig server(TlsMode mode) {
        return TlsConfig.server(mode, certificate(), privateKey());
    }

    /** Client TLS settings trusting only the test certificate. */
    public static TlsConfig client() {
        return TlsConfig.client(certificate());
    }

    private static Path copyResources() {
        try {
            Path directory = Files.createTempDirectory("apogee-test-tls");
            directory.toFile().deleteOnExit();
            for (String name : new String[] {"server.crt", "server.key"}) {
                try (InputStream resource = TestCertificates.class.getResourceAsStream("/tls/" + name)) {
                    if (resource == null) {
                        throw new IllegalStateException("test resource /tls/" + name + " is missing");
                    }
                    Path target = directory.resolve(name);
                    Files.copy(resource, target, StandardCopyOption.REPLACE_EXISTING);
                    target.toFile().deleteOnExit();
                }
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
