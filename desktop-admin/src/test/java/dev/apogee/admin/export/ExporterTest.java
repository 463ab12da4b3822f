package dev.apogee.admin.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apogee.admin.service.MessageRecord;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExporterTest {

    private static MessageRecord message(byte[] body) {
        return new MessageRecord("Orders", "broker-a", 1, 7, "ID1", "OFF1", "created", List.of("k1", "k2"),
                Instant.parse("2024-05-01T10:00:00Z"), Instant.parse("2024-05-01T10:00:01Z"), "10.0.0.1:5000",
                "10.0.0.2:10911", 0, Map.of("KEYS", "k1 k2", "region", "eu"), Map.of("region", "eu"), body);
    }

    @Test
    void csvQuotesWhatNeedsQuotingAndDefusesFormulas() throws Exception {
        StringWriter out = new StringWriter();
        Exporter.write(new TableData(List.of("name", "note"), List.of(List.of("a,b", "say \"hi\""),
                List.of("=SUM(A1)", "-5"), List.of("multi\nline", ""))), ExportFormat.CSV, out);
        assertEquals("name,note\r\n\"a,b\",\"say \"\"hi\"\"\"\r\n'=SUM(A1),-5\r\n\"multi\nline\",\r\n", out.toString());
    }

    @Test
    void jsonTablesAreArraysOfObjectsByColumn() throws Exception {
        StringWriter out = new StringWriter();
        Exporter.write(new TableData(List.of("group", "lag"), List.of(List.of("g1", "unknown"))), ExportFormat.JSON, out);
        JsonNode array = new ObjectMapper().readTree(out.toString());
        assertEquals("unknown", array.get(0).get("lag").asText());
    }

    @Test
    void messagesKeepTextBodiesAsTextAndBinaryAsBase64() throws Exception {
        byte[] binary = {0, (byte) 0xFF, 3};
        StringWriter out = new StringWriter();
        Exporter.writeMessages(List.of(message("hi".getBytes(StandardCharsets.UTF_8)), message(binary)),
                ExportFormat.JSON, out);
        JsonNode array = new ObjectMapper().readTree(out.toString());
        assertEquals("hi", array.get(0).get("body").asText());
        assertEquals("UTF-8", array.get(0).get("bodyEncoding").asText());
        assertEquals("BASE64", array.get(1).get("bodyEncoding").asText());
        assertEquals(Base64.getEncoder().encodeToString(binary), array.get(1).get("body").asText());
        assertEquals("eu", array.get(0).get("properties").get("region").asText());
        assertEquals("k2", array.get(0).get("keys").get(1).asText());

        StringWriter csv = new StringWriter();
        Exporter.writeMessages(List.of(message("hi".getBytes(StandardCharsets.UTF_8))), ExportFormat.CSV, csv);
        String[] lines = csv.toString().split("\r\n");
        assertEquals(2, lines.length);
        assertEquals("topic,brokerName,queueId,queueOffset", lines[0].substring(0, 36));
        assertEquals(true, lines[1].startsWith("Orders,broker-a,1,7,ID1,OFF1,created,k1 k2,2024-05-01T10:00:00Z"));
        assertEquals(true, lines[1].endsWith(",UTF-8,hi"));
    }

    @Test
    void aRowOfTheWrongWidthIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TableData(List.of("a", "b"), List.of(List.of("1"))));
    }
}
