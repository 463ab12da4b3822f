package dev.apogee.remoting.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.apogee.remoting.protocol.LanguageCode;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.SerializeType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The hand-written header writer against Jackson's generator, which wrote the headers before it and
 * is the reference for what JSON text a string becomes.
 */
class JsonHeaderWriterTest {

    private static final String[] SAMPLES = {
        "", "plain", "with \"quotes\" and \\backslashes\\", "tab\tnew\nline\rreturn\bback\fform",
        "\u0000\u0001\u001f\u007f", "caf\u00e9 \u4e2d\u6587", "emoji \ud83d\ude00 pair", "a=b;c=d\u0001\u0002",
        "/slash/ and <html> & 'single'", "\u0800\uffff\u07ff"};

    @Test
    void writesWhatJacksonWrote() throws IOException {
        for (String remark : SAMPLES) {
            for (String value : SAMPLES) {
                Map<String, String> fields = new LinkedHashMap<>();
                fields.put("topic", "OrderEvents");
                fields.put(value.isEmpty() ? "k" : value, value);
                fields.put("absent", null);
                assertSameJson(new RemotingCommand(10, LanguageCode.JAVA, 453, 77, 1, remark, fields, null,
                        SerializeType.JSON));
            }
        }
        assertSameJson(new RemotingCommand(-1, LanguageCode.GO, Integer.MIN_VALUE, Integer.MAX_VALUE, 3, null,
                Map.of(), null, SerializeType.JSON));
    }

    @Test
    void randomTextIsWrittenAsJacksonWroteIt() throws IOException {
        Random random = new Random(20261129);
        for (int round = 0; round < 2_000; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                int kind = random.nextInt(4);
                char c = switch (kind) {
                    case 0 -> (char) random.nextInt(0x20);
                    case 1 -> (char) (0x20 + random.nextInt(0x60));
                    case 2 -> (char) (0x80 + random.nextInt(0x780));
                    default -> (char) (0x800 + random.nextInt(0xD000));
                };
                text.append(c);
            }
            if (random.nextBoolean()) {
                text.appendCodePoint(0x10000 + random.nextInt(0xFFFFF));
            }
            assertSameJson(new RemotingCommand(random.nextInt(400), LanguageCode.JAVA, random.nextInt(), random.nextInt(),
                    random.nextInt(4), text.toString(), Map.of("key" + round, text.toString()), null, SerializeType.JSON));
        }
    }

    private static void assertSameJson(RemotingCommand command) throws IOException {
        ByteBuf out = Unpooled.buffer();
        try {
            JsonHeaderWriter.write(command, out);
            assertEquals(jackson(command), out.toString(StandardCharsets.UTF_8));
        } finally {
            out.release();
        }
    }

    /** The generator calls the codec made before the writer replaced them. */
    private static String jackson(RemotingCommand command) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = new JsonFactory().createGenerator(bytes)) {
            json.writeStartObject();
            json.writeNumberField("code", command.code());
            json.writeObjectFieldStart("extFields");
            for (Map.Entry<String, String> field : command.extFields().entrySet()) {
                if (field.getValue() != null) {
                    json.writeStringField(field.getKey(), field.getValue());
                }
            }
            json.writeEndObject();
            json.writeNumberField("flag", command.flag());
            json.writeStringField("language", command.language().name());
            json.writeNumberField("opaque", command.opaque());
            if (command.remark() != null) {
                json.writeStringField("remark", command.remark());
            }
            json.writeStringField("serializeTypeCurrentRPC", SerializeType.JSON.name());
            json.writeNumberField("version", command.version());
            json.writeEndObject();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
