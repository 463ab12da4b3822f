package dev.apogee.remoting.protocol.body;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.apogee.remoting.protocol.ProtocolVersion;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * The compressed REGISTER_BROKER body, sent when the header has {@code compressed=true}: a zlib
 * (Deflate with zlib wrapper) stream of length-prefixed parts, all integers big-endian int32.
 *
 * <pre>
 *  +---------+------------------------------+
 *  | int32 n | DataVersion JSON (n bytes)   |
 *  +---------+------------------------------+
 *  | int32 topicCount                       |
 *  +---------+------------------------------+   repeated topicCount times
 *  | int32 n | topic line (n bytes UTF-8)   |
 *  +---------+------------------------------+
 *  | int32 n | filter-server list JSON array|
 *  +---------+------------------------------+   only from senders at version 5.0.0 or later:
 *  | int32 mappingCount                     |
 *  +---------+------------------------------+   repeated mappingCount times
 *  | int32 n | static-topic mapping JSON    |
 *  +---------+------------------------------+
 * </pre>
 *
 * A topic line is <em>not</em> JSON: it is {@code name read write perm filterType attributesJson}
 * separated by single spaces (the attributes part may be missing). {@code topicSysFlag} and
 * {@code order} do not travel in this form and decode as 0 / false.
 *
 * <p>Decoding is bounded: every length is checked against what is left of {@link #MAX_INFLATED_BYTES},
 * so a small compressed frame cannot make the server allocate without limit.
 */
public final class RegisterBrokerBodyLayout {

    /** Most bytes a compressed body may inflate to; far above any real broker's topic table. */
    public static final int MAX_INFLATED_BYTES = 64 << 20;
    /** Parts after the filter-server list exist only from this sender version on. */
    static final int FIRST_VERSION_WITH_MAPPINGS = ProtocolVersion.V5_0_0;
    private static final char TOPIC_FIELD_SEPARATOR = ' ';
    private static final int TOPIC_LINE_MIN_FIELDS = 5;

    private RegisterBrokerBodyLayout() {
    }

    /** Compresses {@code body}; the mapping section is always written, as current brokers do. */
    public static byte[] encode(RegisterBrokerBody body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes, deflater))) {
            TopicConfigSerializeWrapper wrapper = body.topicConfigSerializeWrapper();
            writePart(out, RemotingJson.encode(wrapper.dataVersion()));
            out.writeInt(wrapper.topicConfigTable().size());
            for (TopicConfig topic : wrapper.topicConfigTable().values()) {
                writePart(out, topicLine(topic).getBytes(StandardCharsets.UTF_8));
            }
            writePart(out, RemotingJson.encode(body.filterServerList()));
            out.writeInt(wrapper.topicQueueMappingInfoMap().size());
            for (JsonNode mapping : wrapper.topicQueueMappingInfoMap().values()) {
                writePart(out, RemotingJson.encode(mapping));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot compress a register-broker body", e);
        } finally {
            deflater.end();
        }
        return bytes.toByteArray();
    }

    /**
     * Inflates and parses a compressed body.
     *
     * @throws BodyException if the stream is corrupt, truncated, too large or a part does not parse
     */
    public static RegisterBrokerBody decode(byte[] compressed, int senderVersion) {
        try (BoundedReader in = new BoundedReader(new InflaterInputStream(
                new java.io.ByteArrayInputStream(compressed)))) {
            DataVersion version = RemotingJson.decode(in.part(), DataVersion.class);
            int topicCount = in.count("topic count");
            Map<String, TopicConfig> topics = new LinkedHashMap<>();
            for (int i = 0; i < topicCount; i++) {
                TopicConfig topic = parseTopicLine(new String(in.part(), StandardCharsets.UTF_8));
                topics.put(topic.topicName(), topic);
            }
            List<String> filterServers = RemotingJson.mapper().readValue(in.part(), new TypeReference<>() {
            });
            Map<String, JsonNode> mappings = new LinkedHashMap<>();
            if (senderVersion >= FIRST_VERSION_WITH_MAPPINGS) {
                int mappingCount = in.count("mapping count");
                for (int i = 0; i < mappingCount; i++) {
                    JsonNode mapping = RemotingJson.mapper().readTree(in.part());
                    mappings.put(mapping.path("topic").asText(""), mapping);
                }
            }
            return new RegisterBrokerBody(new TopicConfigSerializeWrapper(topics, version, mappings, Map.of(), null),
                    filterServers);
        } catch (BodyException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new BodyException("invalid compressed register-broker body: " + e.getMessage(), e);
        }
    }

    /** The space-separated line form of a topic. */
    static String topicLine(TopicConfig topic) {
        return topic.topicName() + TOPIC_FIELD_SEPARATOR + topic.readQueueNums() + TOPIC_FIELD_SEPARATOR
                + topic.writeQueueNums() + TOPIC_FIELD_SEPARATOR + topic.perm() + TOPIC_FIELD_SEPARATOR
                + topic.topicFilterType() + TOPIC_FIELD_SEPARATOR
                + new String(RemotingJson.encode(topic.attributes()), StandardCharsets.UTF_8);
    }

    /** Parses a topic line; attributes that do not parse (they may contain spaces) are dropped. */
    static TopicConfig parseTopicLine(String line) {
        String[] fields = line.split(String.valueOf(TOPIC_FIELD_SEPARATOR));
        if (fields.length < TOPIC_LINE_MIN_FIELDS) {
            throw new BodyException("invalid topic entry in compressed register-broker body: '" + line + "'");
        }
        Map<String, String> attributes = Map.of();
        if (fields.length > TOPIC_LINE_MIN_FIELDS) {
            try {
                attributes = RemotingJson.mapper().readValue(fields[TOPIC_LINE_MIN_FIELDS], new TypeReference<>() {
                });
            } catch (IOException e) {
                attributes = Map.of();
            }
        }
        try {
            return new TopicConfig(fields[0], Integer.parseInt(fields[1]), Integer.parseInt(fields[2]),
                    Integer.parseInt(fields[3]), fields[4], 0, false, attributes);
        } catch (NumberFormatException e) {
            throw new BodyException("invalid number in topic entry '" + line + "'", e);
        }
    }

    private static void writePart(DataOutputStream out, byte[] part) throws IOException {
        out.writeInt(part.length);
        out.write(part);
    }

    /** Reads length-prefixed parts, refusing to go past {@link #MAX_INFLATED_BYTES} in total. */
    private static final class BoundedReader implements AutoCloseable {
        private final DataInputStream in;
        private long remaining = MAX_INFLATED_BYTES;

        BoundedReader(InputStream inflating) {
            this.in = new DataInputStream(inflating);
        }

        byte[] part() throws IOException {
            int length = count("part length");
            byte[] part = new byte[length];
            in.readFully(part);
            remaining -= length;
            return part;
        }

        /** An int32 that counts something: it must be non-negative and fit in what is left. */
        int count(String what) throws IOException {
            int value;
            try {
                value = in.readInt();
            } catch (EOFException e) {
                throw new BodyException("compressed register-broker body ends before its " + what);
            }
            remaining -= Integer.BYTES;
            if (value < 0 || value > remaining) {
                throw new BodyException("compressed register-broker body has an impossible " + what + ": " + value);
            }
            return value;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
