package dev.apogee.installers;

/** A packaging step that could not be done; the message says which and why. */
final class PackagingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    PackagingException(String message) {
        super(message);
    }

    PackagingException(String message, Throwable cause) {
        super(message, cause);
    }
}
