package dev.apogee.admin.service;

/** Who may use a topic's queues: RocketMQ's permission bits, as the topic form offers them. */
public enum TopicPermission {
    READ_WRITE(6),
    READ_ONLY(4),
    WRITE_ONLY(2),
    NONE(0);

    private final int bits;

    TopicPermission(int bits) {
        this.bits = bits;
    }

    /** The protocol's bits (read 4, write 2). */
    public int bits() {
        return bits;
    }

    /** The permission of {@code bits}, ignoring the inherit and priority bits. */
    public static TopicPermission of(int bits) {
        int readWrite = bits & 6;
        for (TopicPermission permission : values()) {
            if (permission.bits == readWrite) {
                return permission;
            }
        }
        return NONE;
    }
}
