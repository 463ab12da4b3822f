package dev.apogee.benchmarks.broker;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The comparison table: one row per figure, one column per server, and a ratio oriented so that a
 * ratio above 1 always means Apogee did better (Apogee/Apache for rates, Apache/Apogee for latency,
 * memory and CPU cost).
 */
final class ReportTable {

    /** Which way a figure is better. */
    enum Better {
        HIGHER, LOWER, NEITHER
    }

    private record Row(String figure, String format, Better better, Map<String, Double> values) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final Map<String, Row> byFigure = new LinkedHashMap<>();

    /** Records {@code value} of {@code figure} for {@code server}; {@code format} formats a double. */
    void put(String figure, String format, Better better, String server, double value) {
        Row row = byFigure.computeIfAbsent(figure, f -> {
            Row created = new Row(f, format, better, new LinkedHashMap<>());
            rows.add(created);
            return created;
        });
        row.values().put(server, value);
    }

    void print(PrintStream out, String apogee, String apache) {
        int width = Math.max(40, rows.stream().mapToInt(r -> r.figure().length()).max().orElse(0));
        out.printf("%-" + width + "s %14s %14s %8s%n", "figure", apogee, apache, "ratio");
        out.printf("%-" + width + "s %14s %14s %8s%n", "", "", "", "(>1: Apogee better)");
        for (Row row : rows) {
            Double a = row.values().get(apogee);
            Double b = row.values().get(apache);
            out.printf("%-" + width + "s %14s %14s %8s%n", row.figure(), format(row.format(), a),
                    format(row.format(), b), ratio(row.better(), a, b));
        }
    }

    private static String format(String format, Double value) {
        return value == null || value.isNaN() ? "-" : String.format(format, value);
    }

    private static String ratio(Better better, Double apogee, Double apache) {
        if (apogee == null || apache == null || apogee.isNaN() || apache.isNaN() || better == Better.NEITHER) {
            return "";
        }
        double ratio = better == Better.HIGHER ? apogee / apache : apache / apogee;
        return Double.isFinite(ratio) ? String.format("%.2f", ratio) : "";
    }
}
