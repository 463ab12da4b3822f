package dev.apogee.remoting.protocol.message;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of SEND_BATCH_MESSAGE: the messages one after another, each
 *
 * <pre>
 *  int32 total size | int32 magic (0) | int32 body CRC (0) | int32 flag | int32 body length | body
 *  | int16 properties length | properties
 * </pre>
 */
public final class MessageBatchCodec {

    /** One message of a batch. */
    public record Entry(int flag, byte[] body, String properties) {
    }

    private MessageBatchCodec() {
    }

    /**
     * Splits a batch body.
     *
     * @throws MalformedRecordException if a length does not fit the body
     */
    public static List<Entry> decode(byte[] batch) {
        ByteBuffer buffer = ByteBuffer.wrap(batch);
        List<Entry> entries = new ArrayList<>();
        while (buffer.hasRemaining()) {
            int start = buffer.position();
            if (buffer.remaining() < 20) {
                throw new MalformedRecordException("batch entry at " + start + " is truncated");
            }
            int size = buffer.getInt();
            if (size < 22 || size > buffer.remaining() + 4) {
                throw new MalformedRecordException("batch entry at " + start + " claims " + size + " bytes");
            }
            buffer.getInt();
            buffer.getInt();
            int flag = buffer.getInt();
            int bodyLength = buffer.getInt();
            if (bodyLength < 0 || bodyLength > start + size - buffer.position() - 2) {
                throw new MalformedRecordException("batch entry at " + start + " has body length " + bodyLength);
            }
            byte[] body = new byte[bodyLength];
            buffer.get(body);
            int propertiesLength = buffer.getShort();
            if (propertiesLength < 0 || buffer.position() + propertiesLength != start + size) {
                throw new MalformedRecordException("batch entry at " + start + " has properties length "
                        + propertiesLength);
            }
            byte[] properties = new byte[propertiesLength];
            buffer.get(properties);
            entries.add(new Entry(flag, body, new String(properties, StandardCharsets.UTF_8)));
        }
        return entries;
    }

    /** Encodes messages as a batch body (what a producer sends). */
    public static byte[] encode(List<Entry> entries) {
        int total = 0;
        List<byte[]> properties = new ArrayList<>();
        for (Entry entry : entries) {
            byte[] bytes = entry.properties().getBytes(StandardCharsets.UTF_8);
            properties.add(bytes);
            total += 22 + entry.body().length + bytes.length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(total);
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            byte[] props = properties.get(i);
            buffer.putInt(22 + entry.body().length + props.length).putInt(0).putInt(0).putInt(entry.flag())
                    .putInt(entry.body().length).put(entry.body()).putShort((short) props.length).put(props);
        }
        return buffer.array();
    }
}
