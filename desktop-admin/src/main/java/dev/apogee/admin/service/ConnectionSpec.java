package dev.apogee.admin.service;

import java.util.List;
import java.util.Objects;

/**
 * How to reach a cluster.
 *
 * @param nameServers         {@code host:port} of each name server, at least one
 * @param accessKey           ACL access key, or null to send unsigned requests
 * @param secretKey           ACL secret key, or null
 * @param tls                 whether to speak TLS
 * @param trustedCertificates PEM file of the certificates to trust with TLS, or null for the JDK's
 */
public record ConnectionSpec(List<String> nameServers, String accessKey, String secretKey, boolean tls,
                             String trustedCertificates) {

    public ConnectionSpec {
        nameServers = List.copyOf(nameServers);
        if (nameServers.isEmpty()) {
            throw new IllegalArgumentException("at least one name server address is needed");
        }
    }

    /** Whether the requests are signed. */
    public boolean signed() {
        return accessKey != null && secretKey != null;
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
        return "ConnectionSpec[" + nameServers + (signed() ? ", signed as " + accessKey : "") + (tls ? ", TLS" : "") + "]";
    }

    /** The name servers as one {@code a;b} string. */
    public String nameServerList() {
        return String.join(";", nameServers);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectionSpec other && nameServers.equals(other.nameServers)
                && Objects.equals(accessKey, other.accessKey) && Objects.equals(secretKey, other.secretKey)
                && tls == other.tls && Objects.equals(trustedCertificates, other.trustedCertificates);
    }

    @Override
    public int hashCode() {
        return Objects.hash(nameServers, accessKey, tls, trustedCertificates);
    }
}
