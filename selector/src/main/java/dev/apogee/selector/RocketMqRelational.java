package dev.apogee.selector;

/**
 * RocketMQ's {@code a > b}, {@code >=}, {@code <}, {@code <=}: UNKNOWN if either side is NULL (the right
 * side is then not even evaluated); two strings (two properties) are both parsed as doubles; otherwise
 * {@link RocketMqValues#compare} decides, so a property meeting an integer literal must parse as an int.
 */
final class RocketMqRelational extends Node {

    private final ComparisonOperator operator;
    private final Node left;
    private final Node right;

    RocketMqRelational(int column, ComparisonOperator operator, Node left, Node right) {
        super(column, left, right);
        this.operator = operator;
        this.left = left;
        this.right = right;
    }

    @Override
    Object evaluate(PropertyResolver properties) {
        Object x = left.evaluate(properties);
        if (x == null) {
            return null;
        }
        Object y = right.evaluate(properties);
        if (y == null) {
            return null;
        }
        int comparison = x instanceof String && y instanceof String
            ? RocketMqValues.compareAsDoubles((String) x, (String) y)
            : RocketMqValues.compare(x, y);
        return truth(operator.holdsFor(comparison));
    }

    @Override
    boolean yieldsBoolean() {
        return true;
    }
}
