package dev.apogee.selector;

import java.util.Set;

/**
 * {@code x [NOT] IN ('a', 'b', ...)}: UNKNOWN when x is absent; {@code whenNotString} when x is present
 * but not a string (FALSE in JMS, where comparing unlike types is false; UNKNOWN in RocketMQ).
 */
final class InList extends Node {

    private final Node operand;
    private final Set<String> values;
    private final boolean negated;
    private final Boolean whenNotString;

    InList(int column, Node operand, Set<String> values, boolean negated, Boolean whenNotString) {
        super(column, operand);
        this.operand = operand;
        this.values = Set.copyOf(values);
        this.negated = negated;
        this.whenNotString = whenNotString;
    }

    @Override
    Object evaluate(PropertyResolver properties) {
        Object value = operand.evaluate(properties);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String)) {
            return whenNotString;
        }
        return truth(values.contains(value) != negated);
    }

    @Override
    boolean yieldsBoolean() {
        return true;
    }
}
