package dev.apogee.selector;

/** The six comparison operators, and what each makes of a three-way comparison result. */
enum ComparisonOperator {
    EQUAL("="), NOT_EQUAL("<>"), LESS("<"), LESS_OR_EQUAL("<="), GREATER(">"), GREATER_OR_EQUAL(">=");

    private final String symbol;

    ComparisonOperator(String symbol) {
        this.symbol = symbol;
    }

    String symbol() {
        return symbol;
    }

    /** Only = and <> apply to strings and booleans. */
    boolean isEquality() {
        return this == EQUAL || this == NOT_EQUAL;
    }

    /** Applies the operator to {@code compare(left, right)}'s sign. */
    boolean holdsFor(int comparison) {
        return switch (this) {
            case EQUAL -> comparison == 0;
            case NOT_EQUAL -> comparison != 0;
            case LESS -> comparison < 0;
            case LESS_OR_EQUAL -> comparison <= 0;
            case GREATER -> comparison > 0;
            case GREATER_OR_EQUAL -> comparison >= 0;
        };
    }
}
