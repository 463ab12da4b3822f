package dev.apogee.remoting.protocol.header.broker;

/** Bits of a pull request's {@code sysFlag}. */
public final class PullSysFlag {
    /** Store {@code commitOffset} as the group's offset of the queue (push consumers piggyback it). */
    public static final int COMMIT_OFFSET = 1;
    /** The broker may hold the request until a message arrives (long polling). */
    public static final int SUSPEND = 1 << 1;
    /** The subscription expression is in the request; otherwise take the group's from its heartbeat. */
    public static final int SUBSCRIPTION = 1 << 2;
    public static final int CLASS_FILTER = 1 << 3;
    public static final int LITE_PULL = 1 << 4;

    private PullSysFlag() {
    }

    public static boolean has(int sysFlag, int bit) {
        return (sysFlag & bit) != 0;
    }
}
