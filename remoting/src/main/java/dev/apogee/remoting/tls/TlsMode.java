package dev.apogee.remoting.tls;

/** Whether a server speaks TLS; clients use {@link #DISABLED} or {@link #ENFORCING}. */
public enum TlsMode {
    /** Plain TCP only. */
    DISABLED,
    /**
     * Server only: each connection may start a TLS handshake or speak plain TCP, told apart by its
     * first bytes; eases migrating clients one by one (the official servers offer the same).
     */
    PERMISSIVE,
    /** TLS only: a plain connection is closed. */
    ENFORCING
}
