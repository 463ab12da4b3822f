package dev.apogee.remoting.protocol.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.remoting.protocol.ProtocolVersion;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RegisterBrokerBodyLayoutTest {

    /** Builds a compressed body part by part, independently of the production encoder. */
    private static final class Builder {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes,
                new Deflater(Deflater.BEST_COMPRESSION)));

        Builder part(String text) throws IOException {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            out.writeInt(utf8.length);
            out.write(utf8);
            return this;
        }

        Builder count(int n) throws IOException {
            out.writeInt(n);
            return this;
        }

        byte[] build() throws IOException {
            out.close();
            return bytes.toByteArray();
        }
    }

    @Test
    void decodesTheBrokersCompressedForm() throws IOException {
        byte[] compressed = new Builder()
                .part("{\"counter\":5,\"stateVersion\":0,\"timestamp\":1700000000000}")
                .count(2)
                .part("TBW102 8 8 7 SINGLE_TAG {}")
                .part("orders 4 4 6 SINGLE_TAG {\"+message.type\":\"FIFO\"}")
                .part("[\"10.0.0.9:30000\"]")
                .count(1)
                .part("{\"bname\":\"broker-a\",\"epoch\":0,\"topic\":\"static-t\",\"totalQueues\":4}")
                .build();

        RegisterBrokerBody body = RegisterBrokerBody.decode(compressed, true, ProtocolVersion.V5_3_3);

        TopicConfigSerializeWrapper wrapper = body.topicConfigSerializeWrapper();
        assertEquals(new DataVersion(0, 1_700_000_000_000L, 5), wrapper.dataVersion());
        assertEquals(new TopicConfig("TBW102", 8, 8, 7, "SINGLE_TAG", 0, false, Map.of()),
                wrapper.topicConfigTable().get("TBW102"));
        assertEquals(Map.of("+message.type", "FIFO"), wrapper.topicConfigTable().get("orders").attributes());
        assertEquals(List.of("10.0.0.9:30000"), body.filterServerList());
        assertEquals("broker-a", wrapper.topicQueueMappingInfoMap().get("static-t").get("bname").asText());
    }

    @Test
    void brokersBefore500SendNoMappingSection() throws IOException {
        byte[] compressed = new Builder().part("{\"counter\":1}").count(1).part("t 1 1 6 SINGLE_TAG").part("[]")
                .build();

        RegisterBrokerBody body = RegisterBrokerBody.decode(compressed, true, ProtocolVersion.V4_9_7);

        TopicConfig topic = body.topicConfigSerializeWrapper().topicConfigTable().get("t");
        assertEquals(TopicConfig.of("t", 1, 1), topic);
    }

    @Test
    void attributesWithSpacesAreDroppedNotFatal() {
        TopicConfig topic = RegisterBrokerBodyLayout.parseTopicLine("t 2 2 6 SINGLE_TAG {\"k\":\"a b\"}");

        assertEquals(2, topic.readQueueNums());
        assertTrue(topic.attributes().isEmpty());
    }

    @Test
    void roundTripsThroughTheEncoder() {
        RegisterBrokerBody body = new RegisterBrokerBody(TopicConfigSerializeWrapper.of(Map.of(
                "a", TopicConfig.of("a", 4, 4), "b", new TopicConfig("b", 1, 2, 4, "SINGLE_TAG", 0, false,
                        Map.of("x", "y"))), new DataVersion(2, 3, 4)), List.of());

        assertEquals(body, RegisterBrokerBody.decode(body.encode(true), true, ProtocolVersion.CURRENT));
    }

    @Test
    void truncatedStreamIsABodyException() {
        byte[] compressed = RegisterBrokerBodyLayout.encode(new RegisterBrokerBody(TopicConfigSerializeWrapper.of(
                Map.of("a", TopicConfig.of("a", 4, 4)), DataVersion.ZERO), List.of()));

        byte[] truncated = Arrays.copyOf(compressed, compressed.length / 2);

        assertThrows(BodyException.class, () -> RegisterBrokerBodyLayout.decode(truncated, ProtocolVersion.CURRENT));
        assertThrows(BodyException.class, () -> RegisterBrokerBodyLayout.decode(new byte[] {1, 2, 3},
                ProtocolVersion.CURRENT));
    }

    @Test
    void impossibleLengthsAreRefusedBeforeAllocating() throws IOException {
        byte[] hugeLength = new Builder().count(Integer.MAX_VALUE).build();
        byte[] negativeCount = new Builder().part("{}").count(-1).build();
        byte[] tooManyTopics = new Builder().part("{}").count(RegisterBrokerBodyLayout.MAX_INFLATED_BYTES).build();

        for (byte[] body : List.of(hugeLength, negativeCount, tooManyTopics)) {
            assertThrows(BodyException.class, () -> RegisterBrokerBodyLayout.decode(body, ProtocolVersion.CURRENT));
        }
    }

    @Test
    void badTopicLineIsABodyException() throws IOException {
        byte[] compressed = new Builder().part("{}").count(1).part("only three fields").part("[]").count(0).build();

        assertThrows(BodyException.class, () -> RegisterBrokerBodyLayout.decode(compressed, ProtocolVersion.CURRENT));
    }
}
