package dev.apogee.remoting.protocol.message;

/**
 * The stored-message record: the bytes a broker appends to its commit log, and the very same bytes a
 * pull, query or view response carries (so delivery can hand out slices of the log). Big-endian:
 *
 * <pre>
 *  offset  size      field
 *  0       4         total size of the record, this field included
 *  4       4         magic code: {@link #MAGIC_V1} (1-byte topic length) or {@link #MAGIC_V2} (2-byte)
 *  8       4         CRC32 of the body as stored, as a signed int
 *  12      4         queue id
 *  16      4         user flag
 *  20      8         queue offset: the record's position in its consume queue
 *  28      8         physical offset: the record's byte offset in the commit log
 *  36      4         system flag ({@link MessageSysFlag})
 *  40      8         born timestamp (producer clock, ms)
 *  48      4|16 + 4  born host: IPv4 or IPv6 address ({@link MessageSysFlag#BORNHOST_V6}), then port
 *  ..      8         store timestamp (broker clock, ms)
 *  ..      4|16 + 4  store host: IPv4 or IPv6 address ({@link MessageSysFlag#STOREHOST_V6}), then port
 *  ..      4         reconsume times
 *  ..      8         prepared-transaction offset (the half message's physical offset, else 0)
 *  ..      4 + n     body length, body
 *  ..      1|2 + n   topic length (1 byte for V1, 2 for V2), topic, UTF-8
 *  ..      2 + n     properties length, properties string ({@link MessageProperties}), UTF-8
 * </pre>
 *
 * A commit-log segment ends with a blank record when the next record does not fit: total size
 * (the bytes left in the segment) followed by {@link #BLANK_MAGIC}.
 */
public final class MessageRecordLayout {
    public static final int MAGIC_V1 = 0xDAA320A7;
    public static final int MAGIC_V2 = 0xDAA320AB;
    public static final int BLANK_MAGIC = 0xCBD43194;

    public static final int TOTAL_SIZE_OFFSET = 0;
    public static final int MAGIC_OFFSET = 4;
    public static final int BODY_CRC_OFFSET = 8;
    public static final int QUEUE_ID_OFFSET = 12;
    public static final int FLAG_OFFSET = 16;
    public static final int QUEUE_OFFSET_OFFSET = 20;
    public static final int PHYSICAL_OFFSET_OFFSET = 28;
    public static final int SYS_FLAG_OFFSET = 36;
    public static final int BORN_TIMESTAMP_OFFSET = 40;
    public static final int BORN_HOST_OFFSET = 48;

    /** The smallest blank record: total size and magic. */
    public static final int BLANK_RECORD_MIN_SIZE = 8;
    /** Topics longer than this need the V2 magic (2-byte topic length). */
    public static final int MAX_V1_TOPIC_LENGTH = 127;
    /** The properties length is a signed 16-bit field. */
    public static final int MAX_PROPERTIES_LENGTH = Short.MAX_VALUE;

    private MessageRecordLayout() {
    }

    /** Bytes of a host field (address and port) for the IPv6-ness given. */
    public static int hostLength(boolean ipv6) {
        return (ipv6 ? 16 : 4) + 4;
    }

    /** The offset of the store timestamp, which follows the born host. */
    public static int storeTimestampOffset(int sysFlag) {
        return BORN_HOST_OFFSET + hostLength((sysFlag & MessageSysFlag.BORNHOST_V6) != 0);
    }

    /** The offset of the store host, which follows the store timestamp. */
    public static int storeHostOffset(int sysFlag) {
        return storeTimestampOffset(sysFlag) + 8;
    }

    /** The offset of the reconsume-times field. */
    public static int reconsumeTimesOffset(int sysFlag) {
        return storeHostOffset(sysFlag) + hostLength((sysFlag & MessageSysFlag.STOREHOST_V6) != 0);
    }

    /** The offset of the body-length field. */
    public static int bodyLengthOffset(int sysFlag) {
        return reconsumeTimesOffset(sysFlag) + 4 + 8;
    }

    /** The total size of a record with these field lengths. */
    public static int recordSize(int sysFlag, int bodyLength, int topicLength, int propertiesLength) {
        int topicLengthSize = topicLength > MAX_V1_TOPIC_LENGTH ? 2 : 1;
        return bodyLengthOffset(sysFlag) + 4 + bodyLength + topicLengthSize + topicLength + 2 + propertiesLength;
    }
}
