package dev.apogee.admin.store;

/** The admin's own database could not do something; the message says what. */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
