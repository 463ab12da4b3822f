package dev.apogee.client.message;

import dev.apogee.client.ClientException;

/**
 * The algorithms RocketMQ 5.x producers compress bodies with, as their type number in bits 8-10 of the
 * system flag (beside the {@code COMPRESSED} bit). A compressed body without type bits (4.x clients) is zlib.
 */
public enum CompressionType {
    /** An LZ4 frame (type 1); fast, the level is ignored. */
    LZ4(1),
    /** A Zstandard frame (type 2), at the producer's level. */
    ZSTD(2),
    /** A zlib stream (type 3): the official client's default and the only type 4.x clients read. */
    ZLIB(3);

    private final int value;

    CompressionType(int value) {
        this.value = value;
    }

    /** The type bits in the system flag. */
    public int flagBits() {
        return value << 8;
    }

    /** The type of a compressed body's {@code sysFlag}; 0 (no type bits) is zlib. */
    static CompressionType ofSysFlag(int sysFlag) {
        int type = (sysFlag >>> 8) & 0x7;
        return switch (type) {
            case 0, 3 -> ZLIB;
            case 1 -> LZ4;
            case 2 -> ZSTD;
            default -> throw new ClientException("the message body is compressed with unknown type "
                    + type);
        };
    }
}
