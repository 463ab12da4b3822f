package dev.apogee.selector;

/**
 * A constant. {@code fromSource} tells a literal written in the expression from one the parser folded
 * (a negated number): Apache RocketMQ checks operands such as BETWEEN bounds only when they are literals
 * as written, and {@code -5} is not one there.
 */
final class Literal extends Node {

    private final Object value;
    private final boolean fromSource;

    Literal(int column, Object value, boolean fromSource) {
        super(column);
        this.value = value;
        this.fromSource = fromSource;
    }

    @Override
    Object evaluate(PropertyResolver properties) {
        return value;
    }

    Object value() {
        return value;
    }

    boolean fromSource() {
        return fromSource;
    }

    @Override
    boolean yieldsBoolean() {
        // TRUE, FALSE and (RocketMQ) NULL as written are truth-valued constants.
        return fromSource && (value == null || value instanceof Boolean);
    }
}
