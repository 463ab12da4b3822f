package dev.apogee.benchmarks.broker;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The comparison table: one row per figure, one column per server, and a ratio oriented so that a
 * ratio above 1 always means Apogee did better than the anchor it is compared with (Apache RocketMQ in the
 * broker benchmark, ActiveMQ Artemis in the JMS benchmark): Apogee/anchor for rates, anchor/Apogee for
 * latency, memory and CPU cost.
 *
 * <p>A figure measured in several rounds shows each server's median, the ratio of the medians, and
 * the ratio of each round, so that one noisy round neither decides the figure nor hides.
 */
public final class ReportTable {

    /** Which way a figure is better. */
    public enum Better {
        HIGHER, LOWER, NEITHER
    }

    private record Row(String figure, String format, Better better, Map<String, List<Double>> values) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final Map<String, Row> byFigure = new LinkedHashMap<>();

    /** Records one more {@code value} of {@code figure} for {@code server}; {@code format} formats a double. */
    public void put(String figure, String format, Better better, String server, double value) {
        Row row = byFigure.computeIfAbsent(figure, f -> {
            Row created = new Row(f, format, better, new LinkedHashMap<>());
            rows.add(created);
            return created;
        });
        row.values().computeIfAbsent(server, s -> new ArrayList<>()).add(value);
    }

    /** Prints the table; {@code apogee} and {@code apache} name the two columns (the anchor second). */
    public void print(PrintStream out, String apogee, String apache) {
        int width = Math.max(40, rows.stream().mapToInt(r -> r.figure().length()).max().orElse(0));
        boolean rounds = rows.stream().anyMatch(r -> r.values().values().stream().anyMatch(v -> v.size() > 1));
        out.printf("%-" + width + "s %14s %14s %8s%s%n", "figure", apogee, apache, "ratio",
                rounds ? "   ratio per round" : "");
        out.printf("%-" + width + "s %14s %14s %8s%n", "", rounds ? "(median)" : "", rounds ? "(median)" : "",
                "(>1: Apogee better)");
        for (Row row : rows) {
            List<Double> a = row.values().getOrDefault(apogee, List.of());
            List<Double> b = row.values().getOrDefault(apache, List.of());
            double medianA = median(a);
            double medianB = median(b);
            String perRound = "";
            if (rounds && row.better() != Better.NEITHER && a.size() == b.size() && a.size() > 1) {
                StringJoiner each = new StringJoiner(" ", "   ", "");
                for (int i = 0; i < a.size(); i++) {
                    each.add(ratio(row.better(), a.get(i), b.get(i)));
                }
                perRound = each.toString();
            }
            out.printf("%-" + width + "s %14s %14s %8s%s%n", row.figure(), format(row.format(), medianA),
                    format(row.format(), medianB), ratio(row.better(), medianA, medianB), perRound);
        }
    }

    public static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).sorted()
                .toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static String format(String format, double value) {
        return Double.isNaN(value) ? "-" : String.format(format, value);
    }

    static String ratio(Better better, double apogee, double apache) {
        if (Double.isNaN(apogee) || Double.isNaN(apache) || better == Better.NEITHER) {
            return "";
        }
        double ratio = better == Better.HIGHER ? apogee / apache : apache / apogee;
        return Double.isFinite(ratio) ? String.format("%.2f", ratio) : "";
    }
}
