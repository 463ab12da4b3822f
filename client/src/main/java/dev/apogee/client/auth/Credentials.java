package dev.apogee.client.auth;

import java.util.Objects;

/**
 * An access key and its secret, with an optional security token, for servers that check request
 * signatures (RocketMQ's ACL). The secret never leaves the client: only a signature made with it
 * does ({@link RequestSigner}).
 *
 * @param accessKey     who is asking; sent with every request
 * @param secretKey     the key of the signature; never sent
 * @param securityToken a temporary credential's token, sent when present; may be null
 */
public record Credentials(String accessKey, String secretKey, String securityToken) {

    public Credentials {
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secretKey, "secretKey");
        if (accessKey.isBlank() || secretKey.isBlank()) {
            throw new IllegalArgumentException("the access key and the secret key must not be blank");
        }
    }

    /** Credentials without a security token. */
    public static Credentials of(String accessKey, String secretKey) {
        return new Credentials(accessKey, secretKey, null);
    }

    @Override
    public String toString() {
        // The secret stays out of logs and exception messages.
        return "Credentials[accessKey=" + accessKey + ", securityToken=" + (securityToken == null ? "none" : "set") + "]";
    }
}
