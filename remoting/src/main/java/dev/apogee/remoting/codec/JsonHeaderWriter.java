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
    private static final int SCRATCH_SIZE = 16 * 1024;
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[SCRATCH_SIZE]);

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
        if (plainAscii(text)) {
            out.writeCharSequence(text, StandardCharsets.US_ASCII);
            out.writeByte('"');
            return;
        }
        // Escaped text (a message's properties hold \u0001 and \u0002 separators) is built in a per-thread
        // array and written at once: a ByteBuf write per byte costs a bounds and reference check each.
        int length = text.length();
        int worst = length * 6;
        byte[] bytes = worst <= SCRATCH_SIZE ? SCRATCH.get() : new byte[worst];
        int n = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x80) {
                if (c == '"' || c == '\\') {
                    bytes[n++] = '\\';
                }
                bytes[n++] = (byte) c;
            } else if (c < 0x20) {
                n = escapeControl(bytes, n, c);
            } else if (c < 0x800) {
                bytes[n++] = (byte) (0xC0 | (c >> 6));
                bytes[n++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                // Characters beyond the BMP go out as their escaped surrogate pair, as Jackson wrote them.
                n = unicodeEscape(bytes, n, c);
            } else {
                bytes[n++] = (byte) (0xE0 | (c >> 12));
                bytes[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                bytes[n++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        out.writeBytes(bytes, 0, n);
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

    private static int escapeControl(byte[] bytes, int at, char c) {
        bytes[at++] = '\\';
        switch (c) {
            case '\n' -> bytes[at++] = 'n';
            case '\r' -> bytes[at++] = 'r';
            case '\t' -> bytes[at++] = 't';
            case '\b' -> bytes[at++] = 'b';
            case '\f' -> bytes[at++] = 'f';
            default -> {
                bytes[at++] = 'u';
                at = hex4(bytes, at, c);
            }
        }
        return at;
    }

    private static int unicodeEscape(byte[] bytes, int at, char c) {
        bytes[at++] = '\\';
        bytes[at++] = 'u';
        return hex4(bytes, at, c);
    }

    private static int hex4(byte[] bytes, int at, char c) {
        bytes[at++] = HEX[(c >> 12) & 0xF];
        bytes[at++] = HEX[(c >> 8) & 0xF];
        bytes[at++] = HEX[(c >> 4) & 0xF];
        bytes[at++] = HEX[c & 0xF];
        return at;
    }
}
