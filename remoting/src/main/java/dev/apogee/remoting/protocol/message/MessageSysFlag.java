package dev.apogee.remoting.protocol.message;

/** Bits of a message's system flag. */
public final class MessageSysFlag {
    /** The body is compressed (zlib unless {@link #COMPRESSION_TYPE_MASK} says otherwise). */
    public static final int COMPRESSED = 1;
    public static final int MULTI_TAGS = 1 << 1;
    /** Transaction type, bits 2-3. */
    public static final int TRANSACTION_TYPE_MASK = 0b11 << 2;
    public static final int TRANSACTION_NOT_TYPE = 0;
    public static final int TRANSACTION_PREPARED = 1 << 2;
    public static final int TRANSACTION_COMMIT = 2 << 2;
    public static final int TRANSACTION_ROLLBACK = 3 << 2;
    public static final int BORNHOST_V6 = 1 << 4;
    public static final int STOREHOST_V6 = 1 << 5;
    public static final int NEED_UNWRAP = 1 << 6;
    public static final int INNER_BATCH = 1 << 7;
    /** 5.x compression type, bits 8-10: 0 zlib, 1 LZ4, 2 ZSTD, 3 zlib. */
    public static final int COMPRESSION_TYPE_MASK = 0b111 << 8;

    private MessageSysFlag() {
    }

    public static int transactionType(int sysFlag) {
        return sysFlag & TRANSACTION_TYPE_MASK;
    }

    public static int withTransactionType(int sysFlag, int type) {
        return (sysFlag & ~TRANSACTION_TYPE_MASK) | type;
    }
}
