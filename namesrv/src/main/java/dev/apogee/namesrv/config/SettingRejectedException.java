package dev.apogee.namesrv.config;

/** A run-time settings update that was refused; nothing was changed. */
public class SettingRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why an update was refused. */
    public enum Reason {
        /** The key is unknown or fixed at start-up. */
        NOT_CHANGEABLE,
        /** The value does not parse. */
        INVALID_VALUE
    }

    private final Reason reason;

    public SettingRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
