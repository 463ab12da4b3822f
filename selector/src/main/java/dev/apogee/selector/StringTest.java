package dev.apogee.selector;

/**
 * RocketMQ's {@code x [NOT] CONTAINS|STARTSWITH|ENDSWITH 'text'}. Never UNKNOWN: as in Apache's
 * {@code ComparisonExpression} (its Contains/StartsWith/EndsWith classes and their NOT forms), an empty
 * search text, an absent x or a non-string x give FALSE for the plain and the NOT form alike, so
 * {@code x NOT CONTAINS 'a'} and {@code NOT (x CONTAINS 'a')} differ when x is absent.
 */
final class StringTest extends Node {

    enum Kind {
        CONTAINS, STARTSWITH, ENDSWITH
    }

    private final Node operand;
    private final Kind kind;
    private final String search;
    private final boolean negated;

    StringTest(int column, Node operand, Kind kind, String search, boolean negated) {
        super(column, operand);
        this.operand = operand;
        this.kind = kind;
        this.search = search;
        this.negated = negated;
    }

    @Override
    Object evaluate(PropertyResolver properties) {
        if (search.isEmpty()) {
            return Boolean.FALSE;
        }
        Object value = operand.evaluate(properties);
        if (!(value instanceof String)) {
            return Boolean.FALSE;
        }
        String text = (String) value;
        boolean found = switch (kind) {
            case CONTAINS -> text.contains(search);
            case STARTSWITH -> text.startsWith(search);
            case ENDSWITH -> text.endsWith(search);
        };
        return truth(found != negated);
    }

    @Override
    boolean yieldsBoolean() {
        return true;
    }
}
