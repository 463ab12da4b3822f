package dev.apogee.selector;

/** {@code x [NOT] LIKE 'pattern' [ESCAPE 'c']} (JMS): UNKNOWN when x is absent, FALSE when not a string. */
final class LikeNode extends Node {

    private final Node operand;
    private final LikePattern pattern;
    private final boolean negated;

    LikeNode(int column, Node operand, LikePattern pattern, boolean negated) {
        super(column, operand);
        this.operand = operand;
        this.pattern = pattern;
        this.negated = negated;
    }

    @Override
    Object evaluate(PropertyResolver properties) {
        Object value = operand.evaluate(properties);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String)) {
            return Boolean.FALSE;
        }
        return truth(pattern.matches((String) value) != negated);
    }

    @Override
    boolean yieldsBoolean() {
        return true;
    }
}
