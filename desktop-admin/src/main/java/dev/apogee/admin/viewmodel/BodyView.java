package dev.apogee.admin.viewmodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A message body as the detail view shows it: as text when it is valid UTF-8 (else labelled binary and
 * shown with replacement characters), as pretty JSON when it parses as JSON, and as a hex dump. Large
 * bodies are cut at a limit so that a text area stays responsive; {@link #truncated()} says so, and the
 * view model offers "load all".
 *
 * @param encoding  the label: {@code UTF-8}, {@code UTF-8 (JSON)}, {@code binary}, {@code empty}
 * @param text      the body as text, up to the limit
 * @param prettyJson the body as indented JSON, or null when it is not JSON (or truncated away)
 * @param hex       the hex dump, up to the limit
 * @param truncated whether text and hex show less than the whole body
 * @param size      the body's size in bytes
 */
public record BodyView(String encoding, String text, String prettyJson, String hex, boolean truncated, int size) {

    /** Bytes shown before "load all". */
    public static final int DEFAULT_LIMIT = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The view of {@code body}, showing at most {@code limit} bytes. */
    public static BodyView of(byte[] body, int limit) {
        if (body.length == 0) {
            return new BodyView("empty", "", null, "", false, 0);
        }
        boolean truncated = body.length > limit;
        byte[] shown = truncated ? Arrays.copyOf(body, limit) : body;
        String text;
        boolean utf8 = isUtf8(body);
        if (utf8) {
            // Cut at a character boundary: a cut inside a multi-byte character would show garbage.
            text = new String(shown, StandardCharsets.UTF_8);
            if (truncated && !text.isEmpty() && text.charAt(text.length() - 1) == '\uFFFD') {
                text = text.substring(0, text.length() - 1);
            }
        } else {
            text = new String(shown, StandardCharsets.ISO_8859_1).replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F]", ".");
        }
        String pretty = utf8 && !truncated ? prettyJson(text) : null;
        String encoding = !utf8 ? "binary" : pretty != null ? "UTF-8 (JSON)" : "UTF-8";
        return new BodyView(encoding, text, pretty, hexDump(shown), truncated, body.length);
    }

    private static boolean isUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            return false;
        }
        // Text with control characters (other than tab and line ends) is binary in practice.
        for (byte b : body) {
            if (b >= 0 && b < 0x20 && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static String prettyJson(String text) {
        String trimmed = text.trim();
        if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) {
            return null;
        }
        try {
            JsonNode tree = JSON.readTree(trimmed);
            return tree == null ? null : JSON.writeValueAsString(tree);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** 16 bytes a line: offset, hex, and the printable ASCII beside it. */
    static String hexDump(byte[] bytes) {
        StringBuilder dump = new StringBuilder(bytes.length * 4 + 16);
        for (int line = 0; line < bytes.length; line += 16) {
            dump.append(String.format("%08x  ", line));
            StringBuilder ascii = new StringBuilder(16);
            for (int i = line; i < line + 16; i++) {
                if (i < bytes.length) {
                    dump.append(String.format("%02x ", bytes[i] & 0xFF));
                    char c = (char) (bytes[i] & 0xFF);
                    ascii.append(c >= 0x20 && c < 0x7F ? c : '.');
                } else {
                    dump.append("   ");
                }
                if (i == line + 7) {
                    dump.append(' ');
                }
            }
            dump.append(' ').append(ascii).append('\n');
        }
        return dump.toString();
    }
}
