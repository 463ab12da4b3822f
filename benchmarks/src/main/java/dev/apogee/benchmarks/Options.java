package dev.apogee.benchmarks;

import java.util.HashMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** {@code --name value} and {@code --flag} command-line options, shared by the benchmark mains. */
public final class Options {

    private Options() {
    }

    /**
     * The servers in the order round {@code round} runs them: as given in even rounds, reversed in odd ones,
     * so that whatever drifts during a run (page cache, other load) does not always favour the same server.
     */
    public static List<String> roundOrder(List<String> servers, int round) {
        List<String> order = new ArrayList<>(servers);
        if (round % 2 == 1) {
            Collections.reverse(order);
        }
        return order;
    }

    /**
     * The whole number {@code --name} gives (underscores allowed: {@code 50_000}), or {@code fallback} if
     * absent.
     *
     * @throws IllegalArgumentException if it is not a whole number of at least 1
     */
    public static int positive(Map<String, String> options, String name, int fallback) {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " needs a whole number, not '" + value + "'");
        }
        if (parsed < 1) {
            throw new IllegalArgumentException("--" + name + " must be at least 1");
        }
        return parsed;
    }

    public static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
            }
            String name = args[i].substring(2);
            if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                options.put(name, args[++i]);
            } else {
                options.put(name, "true");
            }
        }
        return options;
    }
}
