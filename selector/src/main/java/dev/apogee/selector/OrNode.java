package dev.apogee.selector;

/**
 * {@code a OR b OR ...} in SQL three-valued logic: TRUE if any operand is TRUE, else UNKNOWN if any is
 * UNKNOWN, else FALSE. Like {@link AndNode}, one node per run, evaluated left to right, stopping at the
 * first TRUE.
 */
final class OrNode extends Node {

    private final Node[] operands;

    OrNode(int column, Node[] operands) {
        super(column, operands);
        this.operands = operands;
    }

    @Override
    Object evaluate(PropertyResolver properties) {
        boolean unknown = false;
        for (Node operand : operands) {
            Object value = operand.evaluate(properties);
            if (value == null) {
                unknown = true;
            } else if (value == Boolean.TRUE) {
                return Boolean.TRUE;
            }
        }
        return unknown ? null : Boolean.FALSE;
    }

    @Override
    boolean yieldsBoolean() {
        return true;
    }
}
