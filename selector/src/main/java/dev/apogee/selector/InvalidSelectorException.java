package dev.apogee.selector;

/**
 * A selector expression that cannot be compiled: a syntax error, a bad literal, an operand of the wrong
 * kind, or an expression beyond the {@link SelectorLimits}. The message names the column (1-based,
 * counted in chars from the start of the expression, line breaks included) and what was expected there.
 */
public final class InvalidSelectorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int column;
    private final String reason;

    public InvalidSelectorException(int column, String reason) {
        super("Invalid selector at column " + column + ": " + reason);
        this.column = column;
        this.reason = reason;
    }

    /** The 1-based column where the problem was found. */
    public int column() {
        return column;
    }

    /** The problem, without the position. */
    public String reason() {
        return reason;
    }
}
