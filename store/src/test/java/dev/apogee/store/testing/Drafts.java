package dev.apogee.store.testing;

import dev.apogee.remoting.protocol.message.MessageDraft;
import dev.apogee.remoting.protocol.message.MessageProperties;
import dev.apogee.remoting.protocol.message.MessageRecordCodec;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds message drafts for store tests. */
public final class Drafts {
    private static final byte[] LOCALHOST = {127, 0, 0, 1};

    private Drafts() {
    }

    /** A draft for {@code topic}/{@code queueId} with the given body, tag and keys (either may be null). */
    public static MessageDraft draft(String topic, int queueId, byte[] body, String tag, String keys) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (tag != null) {
            properties.put(MessageProperties.TAGS, tag);
        }
        if (keys != null) {
            properties.put(MessageProperties.KEYS, keys);
        }
        properties.put(MessageProperties.UNIQ_KEY, "UNIQ-" + topic + "-" + new String(body, StandardCharsets.UTF_8).hashCode()
                + "-" + System.nanoTime());
        return new MessageDraft(topic, queueId, 0, 0, System.currentTimeMillis(), LOCALHOST, 40000, LOCALHOST, 10911, 0,
                0, body, MessageProperties.format(properties));
    }

    /** A draft whose body is {@code text} in UTF-8. */
    public static MessageDraft draft(String topic, int queueId, String text) {
        return draft(topic, queueId, text.getBytes(StandardCharsets.UTF_8), null, null);
    }

    /** A body of {@code size} bytes derived from {@code seed}, so its content can be checked. */
    public static byte[] body(int size, long seed) {
        byte[] body = new byte[size];
        long state = seed * 0x9E3779B97F4A7C15L + 1;
        for (int i = 0; i < size; i++) {
            state ^= state << 13;
            state ^= state >>> 7;
            state ^= state << 17;
            body[i] = (byte) state;
        }
        return body;
    }

    /** The encoded record of a draft. */
    public static byte[] record(MessageDraft draft) {
        return MessageRecordCodec.encode(draft);
    }
}
