package dev.apogee.remoting.protocol;

/** How a command's header is encoded: the high byte of the header-length word. */
public enum SerializeType {
    /** A JSON object; what every official client sends by default. */
    JSON((byte) 0),
    /** RocketMQ's compact binary layout, see {@link dev.apogee.remoting.codec.BinaryHeaderLayout}. */
    ROCKETMQ((byte) 1);

    private final byte code;

    SerializeType(byte code) {
        this.code = code;
    }

    public byte code() {
        return code;
    }

    /** The type for a header-type byte, or {@code null} if the byte names no known type. */
    public static SerializeType ofCode(int code) {
        return switch (code) {
            case 0 -> JSON;
            case 1 -> ROCKETMQ;
            default -> null;
        };
    }
}
