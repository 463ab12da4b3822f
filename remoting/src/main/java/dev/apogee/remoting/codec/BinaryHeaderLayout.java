package dev.apogee.remoting.codec;

/**
 * The compact binary ("ROCKETMQ") header layout, used when a process asks for it; big-endian:
 *
 * <pre>
 *  int16 code | int8 language | int16 version | int32 opaque | int32 flag
 *  int32 remark length | remark, UTF-8 (length 0 means no remark)
 *  int32 extFields length | repeated { int16 key length | key | int32 value length | value }
 * </pre>
 *
 * Code and version are 16-bit on this layout: larger values (the POP codes above 200000) are
 * truncated by every implementation, which is why those requests are sent with JSON headers.
 */
public final class BinaryHeaderLayout {
    public static final int CODE_SIZE = 2;
    public static final int LANGUAGE_SIZE = 1;
    public static final int VERSION_SIZE = 2;
    public static final int OPAQUE_SIZE = 4;
    public static final int FLAG_SIZE = 4;
    public static final int REMARK_LENGTH_SIZE = 4;
    public static final int EXT_FIELDS_LENGTH_SIZE = 4;
    public static final int KEY_LENGTH_SIZE = 2;
    public static final int VALUE_LENGTH_SIZE = 4;
    /** The fixed part of the header: everything but the remark and extFields contents. */
    public static final int FIXED_SIZE = CODE_SIZE + LANGUAGE_SIZE + VERSION_SIZE + OPAQUE_SIZE + FLAG_SIZE
            + REMARK_LENGTH_SIZE + EXT_FIELDS_LENGTH_SIZE;

    private BinaryHeaderLayout() {
    }
}
