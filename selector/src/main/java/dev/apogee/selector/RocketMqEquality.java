package dev.apogee.selector;

/**
 * RocketMQ's {@code a = b} (and, wrapped in {@link NotNode}, {@code a <> b}; and {@code IS NULL}, which
 * Apache builds as an equality with NULL). Its NULL handling is not SQL's and not symmetric, and is kept
 * as Apache's {@code ComparisonExpression} has it: both sides NULL is TRUE (so {@code a = b} holds when
 * both properties are absent), only the left side NULL is UNKNOWN, only the right side NULL is FALSE
 * (so {@code 'x' <> a} is TRUE when a is absent). Otherwise {@link RocketMqValues#compare} decides.
 */
final class RocketMqEquality extends Node {

    private final Node left;
    private final Node right;

    RocketMqEquality(int column, Node left, Node right) {
        super(column, left, right);
        this.left = left;
        this.right = right;
    }

    @Override
    Object evaluate(PropertyResolver properties) {
        Object x = left.evaluate(properties);
        Object y = right.evaluate(properties);
        if (x == null) {
            return y == null ? Boolean.TRUE : null;
        }
        if (y == null) {
            return Boolean.FALSE;
        }
        return truth(RocketMqValues.compare(x, y) == 0);
    }

    @Override
    boolean yieldsBoolean() {
        return true;
    }
}
