package dev.apogee.benchmarks.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTableTest {

    @Test
    void ratioAboveOneMeansApogeeDidBetterWhicheverWayTheFigureGoes() {
        // Throughput: more is better, so Apogee / anchor.
        assertEquals("2.00", ReportTable.ratio(ReportTable.Better.HIGHER, 2000, 1000));
        assertEquals("0.50", ReportTable.ratio(ReportTable.Better.HIGHER, 1000, 2000));
        // Latency: less is better, so anchor / Apogee.
        assertEquals("4.00", ReportTable.ratio(ReportTable.Better.LOWER, 0.5, 2.0));
        assertEquals("0.25", ReportTable.ratio(ReportTable.Better.LOWER, 2.0, 0.5));
        assertEquals("", ReportTable.ratio(ReportTable.Better.NEITHER, 1, 2));
        assertEquals("", ReportTable.ratio(ReportTable.Better.HIGHER, Double.NaN, 2));
        assertEquals("", ReportTable.ratio(ReportTable.Better.LOWER, 0, 2));
    }

    @Test
    void medianOfOddAndEvenCountsIgnoresMissingValues() {
        assertEquals(3.0, ReportTable.median(List.of(5.0, 1.0, 3.0)));
        assertEquals(2.5, ReportTable.median(List.of(4.0, 1.0, 2.0, 3.0)));
        assertEquals(2.0, ReportTable.median(List.of(Double.NaN, 2.0)));
        assertTrue(Double.isNaN(ReportTable.median(List.of())));
    }

    @Test
    void roundsShowMediansTheirRatioAndEachRoundsRatio() {
        ReportTable table = new ReportTable();
        for (double[] round : new double[][] {{100, 50}, {300, 100}, {200, 400}}) {
            table.put("msg/s", "%,.0f", ReportTable.Better.HIGHER, "Apogee", round[0]);
            table.put("msg/s", "%,.0f", ReportTable.Better.HIGHER, "Artemis", round[1]);
        }
        table.put("p99 ms", "%.3f", ReportTable.Better.LOWER, "Apogee", 2.0);
        table.put("p99 ms", "%.3f", ReportTable.Better.LOWER, "Artemis", 1.0);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        table.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), "Apogee", "Artemis");
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();

        String throughput = lines.stream().filter(l -> l.startsWith("msg/s")).findFirst().orElseThrow();
        // Medians 200 and 100; rounds 2.00, 3.00, 0.50.
        assertEquals(List.of("msg/s", "200", "100", "2.00", "2.00", "3.00", "0.50"),
                List.of(throughput.trim().split("\\s+")));
        String latency = lines.stream().filter(l -> l.startsWith("p99 ms")).findFirst().orElseThrow();
        assertEquals(List.of("p99", "ms", "2.000", "1.000", "0.50"), List.of(latency.trim().split("\\s+")));
    }
}
