package dev.apogee.selector;

/**
 * A LIKE pattern compiled once at parse time: {@code %} matches any run of chars (the empty one too),
 * {@code _} exactly one char, the escape char makes the char after it literal. Matching is a two-pointer
 * scan that remembers only the last {@code %}: no regular expression, no allocation, and O(n·m) at
 * worst instead of a backtracking regex's exponential blow-up on hostile patterns. A "char" is a UTF-16
 * code unit.
 */
final class LikePattern {

    private static final int ANY_RUN = -1;
    private static final int ANY_ONE = -2;

    /** Pattern elements: a char, {@link #ANY_RUN} or {@link #ANY_ONE}; consecutive %s collapsed. */
    private final int[] elements;

    private LikePattern(int[] elements) {
        this.elements = elements;
    }

    /**
     * @param escape the escape char, or -1 for none
     * @throws IllegalArgumentException if the pattern ends with the escape char (the parser reports it)
     */
    static LikePattern compile(String pattern, int escape) {
        int[] elements = new int[pattern.length()];
        int count = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == escape) {
                if (++i == pattern.length()) {
                    throw new IllegalArgumentException("the pattern ends with its escape character");
                }
                elements[count++] = pattern.charAt(i);
            } else if (c == '%') {
                if (count == 0 || elements[count - 1] != ANY_RUN) {
                    elements[count++] = ANY_RUN;
                }
            } else if (c == '_') {
                elements[count++] = ANY_ONE;
            } else {
                elements[count++] = c;
            }
        }
        return new LikePattern(java.util.Arrays.copyOf(elements, count));
    }

    boolean matches(String value) {
        int p = 0;
        int v = 0;
        int runAt = -1;
        int resumeAt = 0;
        while (v < value.length()) {
            if (p < elements.length && elements[p] == ANY_RUN) {
                runAt = p++;
                resumeAt = v;
            } else if (p < elements.length && (elements[p] == ANY_ONE || elements[p] == value.charAt(v))) {
                p++;
                v++;
            } else if (runAt >= 0) {
                // Let the last % swallow one more char and retry the rest of the pattern from there.
                p = runAt + 1;
                v = ++resumeAt;
            } else {
                return false;
            }
        }
        while (p < elements.length && elements[p] == ANY_RUN) {
            p++;
        }
        return p == elements.length;
    }
}
