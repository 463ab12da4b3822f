package dev.apogee.admin.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apogee.admin.service.MessageRecord;
import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Writes tables and messages to CSV or JSON files. A message body goes as text when it is UTF-8 and as
 * Base64 otherwise, with a field saying which, so that nothing is lost or silently mangled.
 */
public final class Exporter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<String> MESSAGE_COLUMNS = List.of("topic", "brokerName", "queueId", "queueOffset",
            "messageId", "offsetMessageId", "tags", "keys", "bornTime", "storeTime", "bornHost", "storeHost",
            "reconsumeTimes", "properties", "bodyEncoding", "body");

    private Exporter() {
    }

    /** Writes {@code table} to {@code file} (replacing it). */
    public static void write(TableData table, ExportFormat format, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(table, format, out);
        }
    }

    /** Writes {@code table} to {@code out}. */
    public static void write(TableData table, ExportFormat format, Writer out) throws IOException {
        if (format == ExportFormat.CSV) {
            writeCsvRow(table.columns(), out);
            for (List<String> row : table.rows()) {
                writeCsvRow(row, out);
            }
            return;
        }
        ArrayNode array = JSON.createArrayNode();
        for (List<String> row : table.rows()) {
            ObjectNode object = array.addObject();
            for (int i = 0; i < table.columns().size(); i++) {
                object.put(table.columns().get(i), row.get(i));
            }
        }
        JSON.writeValue(new NonClosingWriter(out), array);
    }

    /** Writes {@code messages} (every field, properties and body included) to {@code file}. */
    public static void writeMessages(List<MessageRecord> messages, ExportFormat format, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writeMessages(messages, format, out);
        }
    }

    /** Writes {@code messages} to {@code out}. */
    public static void writeMessages(List<MessageRecord> messages, ExportFormat format, Writer out) throws IOException {
        if (format == ExportFormat.CSV) {
            List<List<String>> rows = new ArrayList<>();
            for (MessageRecord message : messages) {
                rows.add(List.of(message.topic(), text(message.brokerName()), Integer.toString(message.queueId()),
                        Long.toString(message.queueOffset()), text(message.messageId()), text(message.offsetMessageId()),
                        text(message.tags()), String.join(" ", message.keys()), message.bornTime().toString(),
                        message.storeTime().toString(), text(message.bornHost()), text(message.storeHost()),
                        Integer.toString(message.reconsumeTimes()), JSON.writeValueAsString(message.properties())
                                .replace("\n", "").replace("\r", ""),
                        utf8(message.body()) ? "UTF-8" : "BASE64", bodyText(message.body())));
            }
            write(new TableData(MESSAGE_COLUMNS, rows), ExportFormat.CSV, out);
            return;
        }
        ArrayNode array = JSON.createArrayNode();
        for (MessageRecord message : messages) {
            ObjectNode object = array.addObject();
            object.put("topic", message.topic());
            object.put("brokerName", message.brokerName());
            object.put("queueId", message.queueId());
            object.put("queueOffset", message.queueOffset());
            object.put("messageId", message.messageId());
            object.put("offsetMessageId", message.offsetMessageId());
            object.put("tags", message.tags());
            object.putPOJO("keys", message.keys());
            object.put("bornTime", message.bornTime().toString());
            object.put("storeTime", message.storeTime().toString());
            object.put("bornHost", message.bornHost());
            object.put("storeHost", message.storeHost());
            object.put("reconsumeTimes", message.reconsumeTimes());
            object.putPOJO("properties", message.properties());
            object.put("bodyEncoding", utf8(message.body()) ? "UTF-8" : "BASE64");
            object.put("body", bodyText(message.body()));
        }
        JSON.writeValue(new NonClosingWriter(out), array);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static boolean utf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String bodyText(byte[] body) {
        return utf8(body) ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body);
    }

    private static void writeCsvRow(List<String> cells, Writer out) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            String cell = cells.get(i) == null ? "" : cells.get(i);
            // Quote when needed (RFC 4180); a leading formula character is defused for spreadsheets.
            if (!cell.isEmpty() && "=+-@".indexOf(cell.charAt(0)) >= 0 && !cell.matches("-?\\d+(\\.\\d+)?")) {
                cell = "'" + cell;
            }
            if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
                out.write('"');
                out.write(cell.replace("\"", "\"\""));
                out.write('"');
            } else {
                out.write(cell);
            }
        }
        out.write("\r\n");
    }

    /** Jackson closes what it writes to; the caller owns {@code out}. */
    private static final class NonClosingWriter extends java.io.FilterWriter {
        NonClosingWriter(Writer out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
