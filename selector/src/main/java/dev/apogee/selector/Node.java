package dev.apogee.selector;

/**
 * A node of a compiled selector. Nodes are immutable, so a compiled selector is shared freely between
 * threads.
 *
 * <p>{@link #evaluate} returns the node's value: {@code null} for SQL NULL / UNKNOWN, {@link Boolean#TRUE}
 * or {@link Boolean#FALSE} for truth values (always those two instances, so evaluation allocates nothing),
 * a {@code String} or a {@code Number} otherwise. Evaluation recurses, which is safe because parsing
 * bounds the tree's {@link #height()}.
 */
abstract class Node {

    private final int column;
    private final int height;

    Node(int column, Node... children) {
        int tallest = 0;
        for (Node child : children) {
            tallest = Math.max(tallest, child.height);
        }
        this.column = column;
        this.height = tallest + 1;
    }

    abstract Object evaluate(PropertyResolver properties);

    /** Where the node's text starts, for error messages. */
    final int column() {
        return column;
    }

    /** Levels in this subtree: the recursion depth its evaluation needs. */
    final int height() {
        return height;
    }

    /** Whether the node always evaluates to a truth value (or NULL): a predicate, a logical operator. */
    boolean yieldsBoolean() {
        return false;
    }

    static Boolean truth(boolean value) {
        return value ? Boolean.TRUE : Boolean.FALSE;
    }
}
