package dev.apogee.namesrv.kv;

/** The KV config database cannot be opened, read or written. */
public class KvStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KvStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
