package dev.apogee.selector;

/**
 * Java binary numeric promotion, as Jakarta Messaging prescribes for selector comparisons and
 * arithmetic: byte, short and int operands work as int; otherwise the wider of the two types wins in the
 * order long, float, double. Floating-point comparisons keep Java's primitive semantics (NaN is unequal
 * to everything, itself included).
 */
final class JmsNumbers {

    enum Rank {
        INT, LONG, FLOAT, DOUBLE
    }

    enum Operation {
        ADD("+"), SUBTRACT("-"), MULTIPLY("*"), DIVIDE("/");

        final String symbol;

        Operation(String symbol) {
            this.symbol = symbol;
        }
    }

    private JmsNumbers() {
    }

    /** The promotion rank of a JMS numeric value, or {@code null} if the value is not numeric. */
    static Rank rank(Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return Rank.INT;
        }
        if (value instanceof Long) {
            return Rank.LONG;
        }
        if (value instanceof Double) {
            return Rank.DOUBLE;
        }
        if (value instanceof Float) {
            return Rank.FLOAT;
        }
        return null;
    }

    static boolean compare(ComparisonOperator operator, Number left, Rank leftRank, Number right, Rank rightRank) {
        Rank rank = wider(leftRank, rightRank);
        if (rank == Rank.INT || rank == Rank.LONG) {
            return operator.holdsFor(Long.compare(left.longValue(), right.longValue()));
        }
        // A float widens to double exactly, so comparing the float values as doubles is a float comparison.
        double x = rank == Rank.FLOAT ? left.floatValue() : left.doubleValue();
        double y = rank == Rank.FLOAT ? right.floatValue() : right.doubleValue();
        return switch (operator) {
            case EQUAL -> x == y;
            case NOT_EQUAL -> x != y;
            case LESS -> x < y;
            case LESS_OR_EQUAL -> x <= y;
            case GREATER -> x > y;
            case GREATER_OR_EQUAL -> x >= y;
        };
    }

    /** The result of {@code left op right}, or {@code null} (UNKNOWN) for a division by zero. */
    static Number apply(Operation operation, Number left, Rank leftRank, Number right, Rank rightRank) {
        switch (wider(leftRank, rightRank)) {
            case INT -> {
                int x = left.intValue();
                int y = right.intValue();
                return switch (operation) {
                    case ADD -> x + y;
                    case SUBTRACT -> x - y;
                    case MULTIPLY -> x * y;
                    case DIVIDE -> y == 0 ? null : x / y;
                };
            }
            case LONG -> {
                long x = left.longValue();
                long y = right.longValue();
                return switch (operation) {
                    case ADD -> x + y;
                    case SUBTRACT -> x - y;
                    case MULTIPLY -> x * y;
                    case DIVIDE -> y == 0 ? null : x / y;
                };
            }
            case FLOAT -> {
                float x = left.floatValue();
                float y = right.floatValue();
                return switch (operation) {
                    case ADD -> x + y;
                    case SUBTRACT -> x - y;
                    case MULTIPLY -> x * y;
                    case DIVIDE -> y == 0 ? null : x / y;
                };
            }
            default -> {
                double x = left.doubleValue();
                double y = right.doubleValue();
                return switch (operation) {
                    case ADD -> x + y;
                    case SUBTRACT -> x - y;
                    case MULTIPLY -> x * y;
                    case DIVIDE -> y == 0 ? null : x / y;
                };
            }
        }
    }

    /** Unary minus (or, with {@code negate} false, unary plus) after unary promotion. */
    static Number sign(Number value, Rank rank, boolean negate) {
        return switch (rank) {
            case INT -> negate ? -value.intValue() : value.intValue();
            case LONG -> negate ? -value.longValue() : value.longValue();
            case FLOAT -> negate ? -value.floatValue() : value.floatValue();
            case DOUBLE -> negate ? -value.doubleValue() : value.doubleValue();
        };
    }

    private static Rank wider(Rank a, Rank b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
