package dev.apogee.selector;

import dev.apogee.selector.JmsNumbers.Operation;
import dev.apogee.selector.JmsNumbers.Rank;

/**
 * JMS {@code a + b}, {@code a - b}, {@code a * b}, {@code a / b} with Java numeric promotion. UNKNOWN
 * if an operand is NULL or not a number, and for a division by zero (integral or floating-point) rather
 * than an exception or an infinity.
 */
final class Arithmetic extends Node {

    private final Operation operation;
    private final Node left;
    private final Node right;

    Arithmetic(int column, Operation operation, Node left, Node right) {
        super(column, left, right);
        this.operation = operation;
        this.left = left;
        this.right = right;
    }

    @Override
    Object evaluate(PropertyResolver properties) {
        Object x = left.evaluate(properties);
        Object y = right.evaluate(properties);
        Rank xRank = JmsNumbers.rank(x);
        Rank yRank = JmsNumbers.rank(y);
        if (xRank == null || yRank == null) {
            return null;
        }
        return JmsNumbers.apply(operation, (Number) x, xRank, (Number) y, yRank);
    }
}
