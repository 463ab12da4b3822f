package dev.apogee.remoting.protocol.body;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;

/**
 * Maps keyed by {@link MessageQueue} in fastjson's shape. fastjson writes an object-typed map key as
 * the key's own JSON object, unquoted: {@code {{"brokerName":"b","queueId":0,"topic":"t"}:4}}. That
 * is not JSON, but it is the only shape from which the official client rebuilds {@code MessageQueue}
 * keys (a quoted key would reach it as a string it cannot convert).
 *
 * <p>Writing: {@link Writer} renders the whole map as raw text, keys in queue order so the bytes are
 * deterministic. Reading: Jackson cannot parse such keys, so {@link #decode} first turns every
 * object-valued key into a quoted string key, which {@link KeyReader} then parses as a queue; both
 * the fastjson shape and a plain quoted key are therefore accepted.
 */
public final class MessageQueueMaps {

    private MessageQueueMaps() {
    }

    /** Serializer for a {@code Map<MessageQueue, ?>} record component. */
    public static final class Writer extends JsonSerializer<Map<MessageQueue, ?>> {
        @Override
        public void serialize(Map<MessageQueue, ?> map, JsonGenerator generator, SerializerProvider provider)
                throws IOException {
            StringBuilder text = new StringBuilder(64 + map.size() * 96).append('{');
            boolean first = true;
            for (Map.Entry<MessageQueue, ?> entry : new TreeMap<>(map).entrySet()) {
                if (!first) {
                    text.append(',');
                }
                first = false;
                text.append(RemotingJson.mapper().writeValueAsString(entry.getKey())).append(':')
                        .append(RemotingJson.mapper().writeValueAsString(entry.getValue()));
            }
            generator.writeRawValue(text.append('}').toString());
        }
    }

    /** Key deserializer: a key string holding a queue's JSON object. */
    public static final class KeyReader extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext context) throws IOException {
            return RemotingJson.mapper().readValue(key, MessageQueue.class);
        }
    }

    /**
     * Decodes a body whose maps may have object keys.
     *
     * @throws BodyException if the body is absent or not valid for the type
     */
    public static <T> T decode(byte[] body, Class<T> type) {
        if (body == null || body.length == 0) {
            return RemotingJson.decode(body, type);
        }
        return RemotingJson.decode(quoteObjectKeys(new String(body, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8), type);
    }

    /**
     * The text with every object-valued key replaced by a JSON string holding the key's text; all
     * else is copied unchanged. Malformed text is copied as is, for the JSON parser to reject.
     */
    static String quoteObjectKeys(String json) {
        StringBuilder out = new StringBuilder(json.length() + 32);
        Deque<Character> containers = new ArrayDeque<>();
        boolean expectKey = false;
        int i = 0;
        while (i < json.length()) {
            char c = json.charAt(i);
            if (c == '"') {
                int end = endOfString(json, i);
                out.append(json, i, end);
                i = end;
                expectKey = false;
                continue;
            }
            if (c == '{' && expectKey) {
                int end = endOfObject(json, i);
                appendQuoted(out, json.substring(i, end));
                i = end;
                expectKey = false;
                continue;
            }
            switch (c) {
                case '{' -> {
                    containers.push('{');
                    expectKey = true;
                }
                case '[' -> {
                    containers.push('[');
                    expectKey = false;
                }
                case '}', ']' -> {
                    containers.poll();
                    expectKey = false;
                }
                case ',' -> expectKey = Character.valueOf('{').equals(containers.peek());
                case ':' -> expectKey = false;
                default -> {
                    // whitespace keeps the expectation; other characters are an unquoted key or a value
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    /** The index just past the string starting at {@code start} (a quote), or the text's end. */
    private static int endOfString(String json, int start) {
        int i = start + 1;
        while (i < json.length()) {
            char c = json.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '"') {
                return i + 1;
            } else {
                i++;
            }
        }
        return json.length();
    }

    /** The index just past the balanced object starting at {@code start}, or the text's end. */
    private static int endOfObject(String json, int start) {
        int depth = 0;
        int i = start;
        while (i < json.length()) {
            char c = json.charAt(i);
            if (c == '"') {
                i = endOfString(json, i);
                continue;
            }
            if (c == '{' || c == '[') {
                depth++;
            } else if ((c == '}' || c == ']') && --depth == 0) {
                return i + 1;
            }
            i++;
        }
        return json.length();
    }

    private static void appendQuoted(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append('"');
    }
}
