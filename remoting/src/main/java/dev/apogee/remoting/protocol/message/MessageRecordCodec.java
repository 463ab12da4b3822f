package dev.apogee.remoting.protocol.message;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** Encodes drafts into stored-message records and decodes records ({@link MessageRecordLayout}). */
public final class MessageRecordCodec {

    private MessageRecordCodec() {
    }

    /**
     * Encodes {@code draft} as a complete record whose queue offset, physical offset and store
     * timestamp are zero, to be patched by whoever appends it ({@link #patch}).
     *
     * @throws IllegalArgumentException if the topic or properties are too long for the layout
     */
    public static byte[] encode(MessageDraft draft) {
        byte[] topic = draft.topic().getBytes(StandardCharsets.UTF_8);
        byte[] properties = draft.properties().getBytes(StandardCharsets.UTF_8);
        if (topic.length == 0 || topic.length > Short.MAX_VALUE) {
            throw new IllegalArgumentException("topic of " + topic.length + " bytes does not fit a record");
        }
        if (properties.length > MessageRecordLayout.MAX_PROPERTIES_LENGTH) {
            throw new IllegalArgumentException("properties of " + properties.length + " bytes exceed "
                    + MessageRecordLayout.MAX_PROPERTIES_LENGTH);
        }
        int sysFlag = draft.sysFlag() & ~(MessageSysFlag.BORNHOST_V6 | MessageSysFlag.STOREHOST_V6);
        if (draft.bornHostAddress().length == 16) {
            sysFlag |= MessageSysFlag.BORNHOST_V6;
        }
        if (draft.storeHostAddress().length == 16) {
            sysFlag |= MessageSysFlag.STOREHOST_V6;
        }
        boolean v2 = topic.length > MessageRecordLayout.MAX_V1_TOPIC_LENGTH;
        byte[] body = draft.body();
        int size = MessageRecordLayout.recordSize(sysFlag, body.length, topic.length, properties.length);
        ByteBuffer record = ByteBuffer.allocate(size);
        record.putInt(size);
        record.putInt(v2 ? MessageRecordLayout.MAGIC_V2 : MessageRecordLayout.MAGIC_V1);
        record.putInt(crc32(body, 0, body.length));
        record.putInt(draft.queueId());
        record.putInt(draft.flag());
        record.putLong(0);
        record.putLong(0);
        record.putInt(sysFlag);
        record.putLong(draft.bornTimestamp());
        record.put(draft.bornHostAddress()).putInt(draft.bornHostPort());
        record.putLong(0);
        record.put(draft.storeHostAddress()).putInt(draft.storeHostPort());
        record.putInt(draft.reconsumeTimes());
        record.putLong(draft.preparedTransactionOffset());
        record.putInt(body.length).put(body);
        if (v2) {
            record.putShort((short) topic.length);
        } else {
            record.put((byte) topic.length);
        }
        record.put(topic);
        record.putShort((short) properties.length).put(properties);
        return record.array();
    }

    /**
     * Writes the fields the appender assigns into the record that starts at {@code base} of
     * {@code target} (absolute puts; the buffer's position is not touched).
     */
    public static void patch(ByteBuffer target, int base, long queueOffset, long physicalOffset, long storeTimestamp) {
        target.putLong(base + MessageRecordLayout.QUEUE_OFFSET_OFFSET, queueOffset);
        target.putLong(base + MessageRecordLayout.PHYSICAL_OFFSET_OFFSET, physicalOffset);
        int sysFlag = target.getInt(base + MessageRecordLayout.SYS_FLAG_OFFSET);
        target.putLong(base + MessageRecordLayout.storeTimestampOffset(sysFlag), storeTimestamp);
    }

    /** CRC32 of {@code length} bytes, as the signed int the layout stores. */
    public static int crc32(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    /**
     * Decodes the record at {@code record}'s position, leaving the position after it.
     *
     * @param verifyCrc whether to check the body CRC
     * @throws MalformedRecordException if the record is inconsistent: unknown magic, sizes that do
     *                                  not add up, fields running past the buffer, or a bad CRC
     */
    public static StoredMessage decode(ByteBuffer record, boolean verifyCrc) {
        int start = record.position();
        int available = record.remaining();
        if (available < MessageRecordLayout.BORN_HOST_OFFSET) {
            throw new MalformedRecordException("only " + available + " bytes, not a record");
        }
        int totalSize = record.getInt();
        int magic = record.getInt();
        if (magic != MessageRecordLayout.MAGIC_V1 && magic != MessageRecordLayout.MAGIC_V2) {
            throw new MalformedRecordException("bad magic code " + Integer.toHexString(magic));
        }
        if (totalSize < MessageRecordLayout.BORN_HOST_OFFSET || totalSize > available) {
            throw new MalformedRecordException("record size " + totalSize + " outside the " + available + " bytes left");
        }
        int bodyCrc = record.getInt();
        int queueId = record.getInt();
        int flag = record.getInt();
        long queueOffset = record.getLong();
        long physicalOffset = record.getLong();
        int sysFlag = record.getInt();
        int end = start + totalSize;
        try {
            long bornTimestamp = record.getLong();
            byte[] bornHost = bytes(record, (sysFlag & MessageSysFlag.BORNHOST_V6) != 0 ? 16 : 4, end, "born host");
            int bornPort = record.getInt();
            long storeTimestamp = record.getLong();
            byte[] storeHost = bytes(record, (sysFlag & MessageSysFlag.STOREHOST_V6) != 0 ? 16 : 4, end, "store host");
            int storePort = record.getInt();
            int reconsumeTimes = record.getInt();
            long preparedTransactionOffset = record.getLong();
            byte[] body = bytes(record, record.getInt(), end, "body");
            int topicLength = magic == MessageRecordLayout.MAGIC_V2 ? record.getShort() & 0xFFFF : record.get() & 0xFF;
            String topic = new String(bytes(record, topicLength, end, "topic"), StandardCharsets.UTF_8);
            int propertiesLength = record.getShort();
            String properties = new String(bytes(record, propertiesLength, end, "properties"), StandardCharsets.UTF_8);
            if (record.position() != end) {
                throw new MalformedRecordException("record fields end at " + (record.position() - start)
                        + " but its size is " + totalSize);
            }
            if (verifyCrc && crc32(body, 0, body.length) != bodyCrc) {
                throw new MalformedRecordException("body CRC mismatch at physical offset " + physicalOffset);
            }
            return new StoredMessage(totalSize, magic, bodyCrc, queueId, flag, queueOffset, physicalOffset, sysFlag,
                    bornTimestamp, bornHost, bornPort, storeTimestamp, storeHost, storePort, reconsumeTimes,
                    preparedTransactionOffset, body, topic, properties);
        } catch (java.nio.BufferUnderflowException e) {
            throw new MalformedRecordException("record fields run past its end");
        }
    }

    /**
     * Only the properties string of a record (at its position), without copying the body: what
     * broker-side property filters need per message.
     *
     * @throws MalformedRecordException if the record's lengths do not fit in it
     */
    public static String properties(ByteBuffer record) {
        int start = record.position();
        if (record.remaining() < MessageRecordLayout.BORN_HOST_OFFSET) {
            throw new MalformedRecordException("only " + record.remaining() + " bytes, not a record");
        }
        int totalSize = record.getInt(start + MessageRecordLayout.TOTAL_SIZE_OFFSET);
        int magic = record.getInt(start + MessageRecordLayout.MAGIC_OFFSET);
        int sysFlag = record.getInt(start + MessageRecordLayout.SYS_FLAG_OFFSET);
        int end = start + totalSize;
        if (totalSize > record.remaining() || (magic != MessageRecordLayout.MAGIC_V1 && magic != MessageRecordLayout.MAGIC_V2)) {
            throw new MalformedRecordException("not a whole record");
        }
        int at = start + MessageRecordLayout.bodyLengthOffset(sysFlag);
        at += 4 + record.getInt(at);
        if (at + 2 > end || at < start) {
            throw new MalformedRecordException("record fields run past its end");
        }
        if (magic == MessageRecordLayout.MAGIC_V2) {
            at += 2 + (record.getShort(at) & 0xFFFF);
        } else {
            at += 1 + (record.get(at) & 0xFF);
        }
        if (at + 2 > end) {
            throw new MalformedRecordException("record fields run past its end");
        }
        int length = record.getShort(at);
        if (length < 0 || at + 2 + length > end) {
            throw new MalformedRecordException("record properties run past its end");
        }
        byte[] text = new byte[length];
        record.get(at + 2, text);
        return new String(text, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ByteBuffer record, int length, int end, String what) {
        if (length < 0 || record.position() + length > end) {
            throw new MalformedRecordException(what + " length " + length + " runs past the record");
        }
        byte[] bytes = new byte[length];
        record.get(bytes);
        return bytes;
    }
}
