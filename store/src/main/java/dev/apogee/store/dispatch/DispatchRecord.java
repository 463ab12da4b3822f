package dev.apogee.store.dispatch;

import dev.apogee.remoting.protocol.message.MalformedRecordException;
import dev.apogee.remoting.protocol.message.MessageProperties;
import dev.apogee.remoting.protocol.message.MessageRecordLayout;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What the dispatcher needs of a commit-log record, read in place without copying its body.
 *
 * @param tagsCode the consume-queue tags code ({@link MessageProperties#tagsCode})
 * @param keys     the KEYS property (space-separated), or null
 * @param uniqKey  the UNIQ_KEY property, or null
 */
public record DispatchRecord(String topic, int queueId, long queueOffset, long physicalOffset, int size,
                             int sysFlag, long storeTimestamp, long tagsCode, String keys, String uniqKey) {

    /**
     * Reads the record that fills {@code record} (a view of exactly one record).
     *
     * @throws MalformedRecordException if the fields do not fit the record
     */
    public static DispatchRecord read(ByteBuffer record) {
        int size = record.getInt(MessageRecordLayout.TOTAL_SIZE_OFFSET);
        int magic = record.getInt(MessageRecordLayout.MAGIC_OFFSET);
        if (size != record.limit()) {
            throw new MalformedRecordException("record size " + size + " does not match its view " + record.limit());
        }
        int queueId = record.getInt(MessageRecordLayout.QUEUE_ID_OFFSET);
        long queueOffset = record.getLong(MessageRecordLayout.QUEUE_OFFSET_OFFSET);
        long physicalOffset = record.getLong(MessageRecordLayout.PHYSICAL_OFFSET_OFFSET);
        int sysFlag = record.getInt(MessageRecordLayout.SYS_FLAG_OFFSET);
        long storeTimestamp = record.getLong(MessageRecordLayout.storeTimestampOffset(sysFlag));
        int bodyLengthAt = MessageRecordLayout.bodyLengthOffset(sysFlag);
        int bodyLength = record.getInt(bodyLengthAt);
        int topicLengthAt = bodyLengthAt + 4 + bodyLength;
        if (bodyLength < 0 || topicLengthAt >= size) {
            throw new MalformedRecordException("body length " + bodyLength + " runs past the record");
        }
        boolean v2 = magic == MessageRecordLayout.MAGIC_V2;
        int topicLength = v2 ? record.getShort(topicLengthAt) & 0xFFFF : record.get(topicLengthAt) & 0xFF;
        int topicAt = topicLengthAt + (v2 ? 2 : 1);
        int propertiesLengthAt = topicAt + topicLength;
        if (propertiesLengthAt + 2 > size) {
            throw new MalformedRecordException("topic length " + topicLength + " runs past the record");
        }
        int propertiesLength = record.getShort(propertiesLengthAt);
        if (propertiesLength < 0 || propertiesLengthAt + 2 + propertiesLength != size) {
            throw new MalformedRecordException("properties length " + propertiesLength + " does not end the record");
        }
        String topic = string(record, topicAt, topicLength);
        String properties = string(record, propertiesLengthAt + 2, propertiesLength);
        return new DispatchRecord(topic, queueId, queueOffset, physicalOffset, size, sysFlag, storeTimestamp,
                MessageProperties.tagsCode(MessageProperties.find(properties, MessageProperties.TAGS)),
                MessageProperties.find(properties, MessageProperties.KEYS),
                MessageProperties.find(properties, MessageProperties.UNIQ_KEY));
    }

    private static String string(ByteBuffer record, int at, int length) {
        byte[] bytes = new byte[length];
        record.get(at, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
