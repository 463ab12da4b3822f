package dev.apogee.selector;

/**
 * {@code a AND b AND ...} in SQL three-valued logic: FALSE if any operand is FALSE, else UNKNOWN if any
 * is UNKNOWN, else TRUE. A run of ANDs is one node, evaluated in a loop, so its length costs no stack;
 * operands are evaluated left to right and evaluation stops at the first FALSE, which is exactly what a
 * left-nested chain of binary ANDs with short-circuit does (that order matters to the ROCKETMQ dialect,
 * where a later operand could end the evaluation with an error).
 */
final class AndNode extends Node {

    private final Node[] operands;

    AndNode(int column, Node[] operands) {
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
            } else if (value == Boolean.FALSE) {
                return Boolean.FALSE;
            }
        }
        return unknown ? null : Boolean.TRUE;
    }

    @Override
    boolean yieldsBoolean() {
        return true;
    }
}
