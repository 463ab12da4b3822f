package dev.apogee.remoting.codec;

/**
 * The byte layout of one remoting frame (all integers big-endian):
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                  frame length (excludes itself)               |
 *  +---------------+-----------------------------------------------+
 *  | serialize type|            header length (24 bits)            |
 *  +---------------+-----------------------------------------------+
 *  |           header: JSON or binary, header-length bytes        ...
 *  +---------------------------------------------------------------+
 *  |           body: frame length - 4 - header length bytes       ...
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * The header is JSON ({@link JsonHeaderCodec}) or the binary layout of {@link BinaryHeaderLayout},
 * as the serialize-type byte says.
 */
public final class FrameLayout {
    /** Size of the frame-length word that precedes every frame. */
    public static final int LENGTH_FIELD_SIZE = 4;
    /** Size of the header-length-and-type word, the first word counted by the frame length. */
    public static final int HEADER_LENGTH_FIELD_SIZE = 4;
    /** The smallest legal frame length: just the header-length word and an empty header. */
    public static final int MIN_FRAME_LENGTH = HEADER_LENGTH_FIELD_SIZE;
    /** Mask of the header length within the header-length-and-type word. */
    public static final int HEADER_LENGTH_MASK = 0x00FF_FFFF;
    /** Shift of the serialize-type byte within the header-length-and-type word. */
    public static final int SERIALIZE_TYPE_SHIFT = 24;
    /** The default largest frame accepted, as the official servers default to. */
    public static final int DEFAULT_MAX_FRAME_LENGTH = 16 * 1024 * 1024;

    private FrameLayout() {
    }

    /** The header-length-and-type word for a header of {@code headerLength} bytes. */
    public static int headerWord(byte serializeType, int headerLength) {
        return (serializeType & 0xFF) << SERIALIZE_TYPE_SHIFT | (headerLength & HEADER_LENGTH_MASK);
    }
}
