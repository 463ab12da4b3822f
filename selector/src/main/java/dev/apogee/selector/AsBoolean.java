package dev.apogee.selector;

/**
 * An identifier used where a truth value is needed ({@code flag AND x = 1}): its value if it is a
 * Boolean, UNKNOWN if absent, and {@code otherwise} for any other type (UNKNOWN in JMS; FALSE in
 * RocketMQ, whose properties are strings and never Booleans, so there a present property used this way
 * is always FALSE).
 */
final class AsBoolean extends Node {

    private final Node operand;
    private final Boolean otherwise;

    AsBoolean(Node operand, Boolean otherwise) {
        super(operand.column(), operand);
        this.operand = operand;
        this.otherwise = otherwise;
    }

    @Override
    Object evaluate(PropertyResolver properties) {
        Object value = operand.evaluate(properties);
        if (value == null) {
            return null;
        }
        return value instanceof Boolean ? truth((Boolean) value) : otherwise;
    }

    @Override
    boolean yieldsBoolean() {
        return true;
    }
}
