package dev.apogee.selector;

/** {@code NOT a}: UNKNOWN stays UNKNOWN. Its operand always yields a truth value (see {@link AsBoolean}). */
final class NotNode extends Node {

    private final Node operand;

    NotNode(int column, Node operand) {
        super(column, operand);
        this.operand = operand;
    }

    @Override
    Object evaluate(PropertyResolver properties) {
        Object value = operand.evaluate(properties);
        return value == null ? null : truth(value == Boolean.FALSE);
    }

    @Override
    boolean yieldsBoolean() {
        return true;
    }
}
