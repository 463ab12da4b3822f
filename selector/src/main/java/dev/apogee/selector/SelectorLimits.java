package dev.apogee.selector;

/**
 * Bounds on what {@link Selector#parse} accepts, so that a hostile subscription costs bounded memory
 * and stack: beyond them parsing fails with {@link InvalidSelectorException}, it never overflows the stack.
 *
 * @param maxLength the longest expression accepted, in chars
 * @param maxDepth  the deepest nesting accepted: parentheses, prefix operators and operands of
 *                  comparisons and arithmetic each add a level; a run of {@code AND} or of {@code OR}
 *                  counts as one level however long it is; at most {@link #MAX_DEPTH}
 */
public record SelectorLimits(int maxLength, int maxDepth) {

    /** 64 KiB of text, 128 levels of nesting. */
    public static final SelectorLimits DEFAULT = new SelectorLimits(64 * 1024, 128);

    /**
     * The deepest nesting that may be configured. Parsing recurses a few frames per level, evaluation one:
     * this many levels parse within a 1 MiB thread stack (the JVM's default for new threads on 64-bit
     * platforms). On a thread whose stack is too small, parsing fails with InvalidSelectorException.
     */
    public static final int MAX_DEPTH = 256;

    public SelectorLimits {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be positive: " + maxLength);
        }
        if (maxDepth < 1 || maxDepth > MAX_DEPTH) {
            throw new IllegalArgumentException("maxDepth must be between 1 and " + MAX_DEPTH + ": " + maxDepth);
        }
    }
}
