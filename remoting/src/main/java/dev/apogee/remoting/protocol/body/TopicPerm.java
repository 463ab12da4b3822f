package dev.apogee.remoting.protocol.body;

/** Permission bits of a topic ({@code perm} in topic configs and queue data). */
public final class TopicPerm {
    public static final int PRIORITY = 1 << 3;
    public static final int READ = 1 << 2;
    public static final int WRITE = 1 << 1;
    public static final int INHERIT = 1;
    /** What a normal topic has. */
    public static final int READ_WRITE = READ | WRITE;

    private TopicPerm() {
    }

    public static boolean isReadable(int perm) {
        return (perm & READ) == READ;
    }

    public static boolean isWriteable(int perm) {
        return (perm & WRITE) == WRITE;
    }
}
