package dev.apogee.remoting.protocol;

/** The bits of a command's {@code flag} field. */
public final class CommandFlags {
    /** Set on responses; clear on requests. */
    public static final int RESPONSE = 1;
    /** Set on requests that expect no response. */
    public static final int ONEWAY = 1 << 1;

    private CommandFlags() {
    }
}
