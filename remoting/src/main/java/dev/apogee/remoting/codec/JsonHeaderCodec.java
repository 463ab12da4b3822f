package dev.apogee.remoting.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import dev.apogee.remoting.protocol.HeaderFields;
import dev.apogee.remoting.protocol.LanguageCode;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.SerializeType;
import io.netty.buffer.ByteBuf;
import java.io.IOException;

/**
 * Encodes and decodes the JSON header: decoding field by field on Jackson's streaming API (no data
 * binding, so nothing on the wire can choose what gets instantiated), encoding by {@link JsonHeaderWriter}.
 *
 * <p>Output follows the official servers: keys in alphabetical order, {@code extFields} always
 * present (the 5.x producer reads {@code MSG_REGION} from send responses without a null check),
 * no {@code remark} key when there is none. Input accepts any key order, ignores unknown keys,
 * and tolerates the unquoted keys that fastjson may write.
 */
final class JsonHeaderCodec {

    private static final JsonFactory JSON = new JsonFactoryBuilder()
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build())
            .build();

    private JsonHeaderCodec() {
    }

    static void encode(RemotingCommand command, ByteBuf out) {
        JsonHeaderWriter.write(command, out);
    }

    /** Decodes a header occupying {@code length} bytes of {@code array} from {@code offset}. */
    static RemotingCommand decode(byte[] array, int offset, int length, byte[] body) {
        int code = 0;
        int version = 0;
        int opaque = 0;
        int flag = 0;
        LanguageCode language = LanguageCode.OTHER;
        String remark = null;
        HeaderFields extFields = HeaderFields.builder().build();
        try (JsonParser json = JSON.createParser(array, offset, length)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedFrameException("JSON header is not an object");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                JsonToken value = json.nextToken();
                switch (name) {
                    case "code" -> code = intValue(json, name);
                    case "version" -> version = intValue(json, name);
                    case "opaque" -> opaque = intValue(json, name);
                    case "flag" -> flag = intValue(json, name);
                    case "language" -> language = LanguageCode.ofName(json.getValueAsString());
                    case "remark" -> remark = value == JsonToken.VALUE_NULL ? null : json.getValueAsString();
                    case "extFields" -> extFields = readExtFields(json, value);
                    default -> json.skipChildren();
                }
            }
            if (json.currentToken() != JsonToken.END_OBJECT) {
                throw new MalformedFrameException("JSON header is not a well-formed object");
            }
            if (json.nextToken() != null) {
                throw new MalformedFrameException("trailing bytes after the JSON header");
            }
        } catch (IOException e) {
            throw new MalformedFrameException("garbage JSON header: " + e.getMessage(), e);
        }
        return new RemotingCommand(code, language, version, opaque, flag, remark, extFields, body,
                SerializeType.JSON);
    }

    private static int intValue(JsonParser json, String name) throws IOException {
        JsonToken token = json.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return json.getIntValue();
        }
        if (token == JsonToken.VALUE_STRING) {
            try {
                return Integer.parseInt(json.getText().trim());
            } catch (NumberFormatException e) {
                throw new MalformedFrameException("JSON header field '" + name + "' is not an integer");
            }
        }
        throw new MalformedFrameException("JSON header field '" + name + "' is not an integer");
    }

    private static HeaderFields readExtFields(JsonParser json, JsonToken start) throws IOException {
        HeaderFields.Builder fields = HeaderFields.builder();
        if (start == JsonToken.VALUE_NULL) {
            return fields.build();
        }
        if (start != JsonToken.START_OBJECT) {
            throw new MalformedFrameException("JSON header field 'extFields' is not an object");
        }
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String key = json.currentName();
            JsonToken value = json.nextToken();
            if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                // No official client nests values here; drop such a value rather than fail the frame.
                json.skipChildren();
                continue;
            }
            if (value != JsonToken.VALUE_NULL) {
                fields.put(key, json.getValueAsString());
            }
        }
        return fields.build();
    }
}
