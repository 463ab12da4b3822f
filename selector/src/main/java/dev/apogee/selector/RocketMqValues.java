package dev.apogee.selector;

/**
 * How Apache RocketMQ's filter orders two values (its {@code ComparisonExpression.__compare}, with the
 * string conversion its parser always switches on), restated for the value types that occur there:
 * String (properties, string literals), Integer and Long (decimal literals: Integer when in int range),
 * Double (floating-point literals) and Boolean (TRUE, FALSE, results of predicates).
 *
 * <ul>
 *   <li>Same type: natural order ({@code compareTo}).</li>
 *   <li>A string meeting a number is parsed as the number's type, with {@code Integer.valueOf},
 *       {@code Long.valueOf} or {@code Double.valueOf} (so "5" = 5 but "5.0" = 5 is an error, and
 *       "3000000000" = 5 is an error because 5 is an Integer); a parse failure is an evaluation error.</li>
 *   <li>Integer and Long compare as long; either with a Double compares as double.</li>
 *   <li>A string on the left of a Boolean is read with {@code Boolean.valueOf} (so any string but
 *       "true" equals FALSE); a Boolean on the left of a string is an error (Apache casts the wrong side and
 *       fails with a ClassCastException).</li>
 *   <li>Any other pairing (Boolean and number) is "less than" (-1).</li>
 * </ul>
 */
final class RocketMqValues {

    private RocketMqValues() {
    }

    /** Three-way comparison; throws {@link EvaluationAborted} where Apache's evaluation throws. */
    static int compare(Object left, Object right) {
        if (left.getClass() == right.getClass()) {
            return sameType(left, right);
        }
        if (left instanceof String text) {
            if (right instanceof Boolean b) {
                return Boolean.compare(Boolean.parseBoolean(text), b);
            }
            if (right instanceof Integer i) {
                return Integer.compare(parseInt(text), i);
            }
            if (right instanceof Long l) {
                return Long.compare(parseLong(text), l);
            }
            if (right instanceof Double d) {
                return Double.compare(parseDouble(text), d);
            }
            return -1;
        }
        if (left instanceof Boolean) {
            if (right instanceof String) {
                throw EvaluationAborted.INSTANCE;
            }
            return -1;
        }
        if (left instanceof Integer || left instanceof Long) {
            long x = ((Number) left).longValue();
            if (right instanceof Integer || right instanceof Long) {
                return Long.compare(x, ((Number) right).longValue());
            }
            if (right instanceof Double d) {
                return Double.compare(x, d);
            }
            if (right instanceof String text) {
                return left instanceof Integer ? Long.compare(x, parseInt(text)) : Long.compare(x, parseLong(text));
            }
            return -1;
        }
        if (left instanceof Double d) {
            if (right instanceof Integer || right instanceof Long) {
                return Double.compare(d, ((Number) right).doubleValue());
            }
            if (right instanceof String text) {
                return Double.compare(d, parseDouble(text));
            }
        }
        return -1;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int sameType(Object left, Object right) {
        if (left instanceof Comparable comparable) {
            return comparable.compareTo(right);
        }
        return -1;
    }

    /** Apache compares two strings with > >= < <= by parsing both as doubles, an error if either fails. */
    static int compareAsDoubles(String left, String right) {
        return Double.compare(parseDouble(left), parseDouble(right));
    }

    static int parseInt(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw EvaluationAborted.INSTANCE;
        }
    }

    static long parseLong(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw EvaluationAborted.INSTANCE;
        }
    }

    static double parseDouble(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw EvaluationAborted.INSTANCE;
        }
    }
}
