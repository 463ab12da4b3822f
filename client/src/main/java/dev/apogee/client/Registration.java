package dev.apogee.client;

/** Undoes one registration with a {@link dev.apogee.client.core.ClientRuntime} (a heartbeat contributor, a request handler). Idempotent. */
@FunctionalInterface
public interface Registration extends AutoCloseable {

    /** Removes what was registered. */
    @Override
    void close();
}
