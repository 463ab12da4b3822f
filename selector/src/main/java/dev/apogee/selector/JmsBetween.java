package dev.apogee.selector;

/**
 * JMS {@code x [NOT] BETWEEN low AND high}: by the specification's definition,
 * {@code x >= low AND x <= high}, and for NOT, {@code x < low OR x > high}, in three-valued logic. x is
 * evaluated once.
 */
final class JmsBetween extends Node {

    private final Node value;
    private final Node low;
    private final Node high;
    private final boolean negated;

    JmsBetween(int column, Node value, Node low, Node high, boolean negated) {
        super(column, value, low, high);
        this.value = value;
        this.low = low;
        this.high = high;
        this.negated = negated;
    }

    @Override
    Object evaluate(PropertyResolver properties) {
        Object x = value.evaluate(properties);
        Object lowValue = low.evaluate(properties);
        Object highValue = high.evaluate(properties);
        if (negated) {
            Boolean below = JmsComparison.compare(ComparisonOperator.LESS, x, lowValue);
            Boolean above = JmsComparison.compare(ComparisonOperator.GREATER, x, highValue);
            if (below == Boolean.TRUE || above == Boolean.TRUE) {
                return Boolean.TRUE;
            }
            return below == null || above == null ? null : Boolean.FALSE;
        }
        Boolean fromLow = JmsComparison.compare(ComparisonOperator.GREATER_OR_EQUAL, x, lowValue);
        Boolean toHigh = JmsComparison.compare(ComparisonOperator.LESS_OR_EQUAL, x, highValue);
        if (fromLow == Boolean.FALSE || toHigh == Boolean.FALSE) {
            return Boolean.FALSE;
        }
        return fromLow == null || toHigh == null ? null : Boolean.TRUE;
    }

    @Override
    boolean yieldsBoolean() {
        return true;
    }
}
