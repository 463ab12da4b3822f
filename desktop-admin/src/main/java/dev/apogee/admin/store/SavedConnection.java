package dev.apogee.admin.store;

import java.util.List;
import java.util.Objects;

/**
 * A cluster the user saved.
 *
 * @param id                  the store's id; 0 for one not saved yet
 * @param name                the user's name for it, unique
 * @param nameServers         {@code host:port} of each name server
 * @param accessKey           the ACL access key, or null
 * @param secretKey           the ACL secret key, or null (stored encrypted)
 * @param tls                 whether to speak TLS
 * @param trustedCertificates PEM file of the certificates to trust with TLS, or null for the JDK's
 */
public record SavedConnection(long id, String name, List<String> nameServers, String accessKey, String secretKey,
                              boolean tls, String trustedCertificates) {

    public SavedConnection {
        Objects.requireNonNull(name, "name");
        nameServers = List.copyOf(nameServers);
        accessKey = blankToNull(accessKey);
        secretKey = blankToNull(secretKey);
        trustedCertificates = blankToNull(trustedCertificates);
    }

    /** This connection with the store's id. */
    public SavedConnection withId(long newId) {
        return new SavedConnection(newId, name, nameServers, accessKey, secretKey, tls, trustedCertificates);
    }

    /** Whether requests are signed (an access key and a secret are both set). */
    public boolean hasCredentials() {
        return accessKey != null && secretKey != null;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    /** Never shows the secret (it ends up in logs and debuggers otherwise). */
    @Override
    public String toString() {
        return "SavedConnection[" + id + ", " + name + ", " + nameServers + (accessKey == null ? "" : ", key " + accessKey)
                + (tls ? ", TLS" : "") + "]";
    }
}
