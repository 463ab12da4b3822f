package dev.apogee.selector;

import dev.apogee.selector.JmsNumbers.Rank;

/**
 * Unary minus (or plus) on an operand that is not a literal (literals are folded at parse time): the
 * number negated, or UNKNOWN when the operand is NULL or not a number. A run of signs is one node, since
 * signs compose by parity.
 */
final class Sign extends Node {

    private final Node operand;
    private final boolean negate;

    Sign(int column, Node operand, boolean negate) {
        super(column, operand);
        this.operand = operand;
        this.negate = negate;
    }

    @Override
    Object evaluate(PropertyResolver properties) {
        Object value = operand.evaluate(properties);
        Rank rank = JmsNumbers.rank(value);
        return rank == null ? null : JmsNumbers.sign((Number) value, rank, negate);
    }
}
