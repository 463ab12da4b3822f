package dev.apogee.remoting.codec;

import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.SerializeType;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes a command's JSON header straight into a buffer.
 *
 * <p>The header has a fixed shape (a few numbers, a few names, one flat string map), so it is
 * written by hand: a streaming generator cost half a dozen objects per command, and every
 * request and response has one. The output is what the generator wrote, byte for byte: keys in
 * alphabetical order, {@code extFields} always present, no {@code remark} key when there is none,
 * strings escaped as JSON requires ({@code "}, {@code \}, control characters) and everything else
 * written as UTF-8.
 */
final class JsonHeaderWriter {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private JsonHeaderWriter() {
    }

    static void write(RemotingCommand command, ByteBuf out) {
        ascii(out, "{\"code\":");
        number(out, command.code());
        ascii(out, ",\"extFields\":{");
        boolean first = true;
        for (Map.Entry<String, String> field : command.extFields().entrySet()) {
            if (field.getValue() == null) {
                continue;
            }
            if (!first) {
                out.writeByte(',');
            }
            first = false;
            string(out, field.getKey());
            out.writeByte(':');
            string(out, field.getValue());
        }
        ascii(out, "},\"flag\":");
        number(out, command.flag());
        ascii(out, ",\"language\":");
        string(out, command.language().name());
        ascii(out, ",\"opaque\":");
        number(out, command.opaque());
        if (command.remark() != null) {
            ascii(out, ",\"remark\":");
            string(out, command.remark());
        }
        ascii(out, ",\"serializeTypeCurrentRPC\":\"");
        ascii(out, SerializeType.JSON.name());
        ascii(out, "\",\"version\":");
        number(out, command.version());
        out.writeByte('}');
    }

    private static void ascii(ByteBuf out, String text) {
        out.writeCharSequence(text, StandardCharsets.US_ASCII);
    }

    private static void number(ByteBuf out, int value) {
        if (value >= 0 && value < 10) {
            out.writeByte('0' + value);
            return;
        }
        ascii(out, Integer.toString(value));
    }

    /** A quoted JSON string; non-ASCII characters of the BMP as UTF-8. */
    private static void string(ByteBuf out, String text) {
        out.writeByte('"');
        int length = text.length();
        if (plainAscii(text)) {
            out.writeCharSequence(text, StandardCharsets.US_ASCII);
            out.writeByte('"');
            return;
        }
        out.ensureWritable(length + 2);
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x80) {
                if (c == '"' || c == '\\') {
                    out.writeByte('\\');
                }
                out.writeByte(c);
            } else if (c < 0x20) {
                escapeControl(out, c);
            } else if (c < 0x800) {
                out.writeByte(0xC0 | (c >> 6));
                out.writeByte(0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                // Characters beyond the BMP go out as their escaped surrogate pair, as Jackson wrote them.
                unicodeEscape(out, c);
            } else {
                out.writeByte(0xE0 | (c >> 12));
                out.writeByte(0x80 | ((c >> 6) & 0x3F));
                out.writeByte(0x80 | (c & 0x3F));
            }
        }
        out.writeByte('"');
    }

    /** Whether every character goes out as its own single byte: printable ASCII, no quote or backslash. */
    private static boolean plainAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private static void escapeControl(ByteBuf out, char c) {
        out.writeByte('\\');
        switch (c) {
            case '\n' -> out.writeByte('n');
            case '\r' -> out.writeByte('r');
            case '\t' -> out.writeByte('t');
            case '\b' -> out.writeByte('b');
            case '\f' -> out.writeByte('f');
            default -> {
                out.writeByte('u');
                hex4(out, c);
            }
        }
    }

    private static void unicodeEscape(ByteBuf out, char c) {
        out.writeByte('\\');
        out.writeByte('u');
        hex4(out, c);
    }

    private static void hex4(ByteBuf out, char c) {
        out.writeByte(HEX[(c >> 12) & 0xF]);
        out.writeByte(HEX[(c >> 8) & 0xF]);
        out.writeByte(HEX[(c >> 4) & 0xF]);
        out.writeByte(HEX[c & 0xF]);
    }
}
