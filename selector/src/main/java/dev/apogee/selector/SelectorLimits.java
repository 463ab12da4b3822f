package dev.apogee.selector;

/**
 * Bounds on what {@link Selector#parse} accepts, so that a hostile subscription costs bounded memory
 * and stack: beyond them parsing fails with {@link InvalidSelectorException}, it never overflows the stack.
 *
 * @param maxLength the longest expression accepted, in chars
 * @param maxDepth  the deepest nesting accepted: parentheses, prefix operators and operands of
 *                  comparisons and arithmetic each add a level; a run of {@code AND} or of {@code OR}
 *                  counts as one level however long it is
 */
public record SelectorLimits(int maxLength, int maxDepth) {

    /** 64 KiB of text, 128 levels of nesting. */
    public static final SelectorLimits DEFAULT = new SelectorLimits(64 * 1024, 128);

    public SelectorLimits {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be positive: " + maxLength);
        }
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be positive: " + maxDepth);
        }
    }
}
