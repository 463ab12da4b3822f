package dev.apogee.selector;

import dev.apogee.selector.JmsNumbers.Rank;

/**
 * A JMS comparison {@code a op b}. Per Jakarta Messaging §3.8.1: UNKNOWN if either side is NULL;
 * numbers of any type compare after numeric promotion; strings and booleans only with = and <>; any other
 * pairing (a string with a number, a boolean with a string, ...) is FALSE, for every operator, <> included.
 */
final class JmsComparison extends Node {

    private final ComparisonOperator operator;
    private final Node left;
    private final Node right;

    JmsComparison(int column, ComparisonOperator operator, Node left, Node right) {
        super(column, left, right);
        this.operator = operator;
        this.left = left;
        this.right = right;
    }

    @Override
    Object evaluate(PropertyResolver properties) {
        return compare(operator, left.evaluate(properties), right.evaluate(properties));
    }

    static Boolean compare(ComparisonOperator operator, Object left, Object right) {
        if (left == null || right == null) {
            return null;
        }
        Rank leftRank = JmsNumbers.rank(left);
        Rank rightRank = JmsNumbers.rank(right);
        if (leftRank != null && rightRank != null) {
            return truth(JmsNumbers.compare(operator, (Number) left, leftRank, (Number) right, rightRank));
        }
        boolean alike = (left instanceof String && right instanceof String)
            || (left instanceof Boolean && right instanceof Boolean);
        if (!alike || !operator.isEquality()) {
            return Boolean.FALSE;
        }
        return truth(left.equals(right) == (operator == ComparisonOperator.EQUAL));
    }

    @Override
    boolean yieldsBoolean() {
        return true;
    }
}
