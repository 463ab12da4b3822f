package dev.apogee.selector;

/** {@code x IS [NOT] NULL}: never UNKNOWN. */
final class IsNull extends Node {

    private final Node operand;
    private final boolean negated;

    IsNull(int column, Node operand, boolean negated) {
        super(column, operand);
        this.operand = operand;
        this.negated = negated;
    }

    @Override
    Object evaluate(PropertyResolver properties) {
        return truth((operand.evaluate(properties) == null) != negated);
    }

    @Override
    boolean yieldsBoolean() {
        return true;
    }
}
