package dev.apogee.selector;

import java.util.Objects;

/**
 * A compiled message selector: immutable and safe to share between threads, so compile once per
 * subscription and evaluate per message.
 *
 * <pre>{@code
 * Selector selector = Selector.parse("region = 'eu' AND amount > 100", SelectorDialect.ROCKETMQ);
 * boolean deliver = selector.matches(message.properties()::get);
 * }</pre>
 *
 * <p>Evaluation follows SQL's three-valued logic: an absent property is NULL, most operations on NULL
 * are UNKNOWN, and a message matches only when the selector is TRUE, never when it is FALSE or UNKNOWN.
 * Evaluating allocates nothing beyond the values arithmetic produces (JMS) and the parsing of numeric
 * strings (ROCKETMQ).
 */
public final class Selector {

    private final String expression;
    private final SelectorDialect dialect;
    private final Node root;

    private Selector(String expression, SelectorDialect dialect, Node root) {
        this.expression = expression;
        this.dialect = dialect;
        this.root = root;
    }

    /**
     * Compiles {@code expression} within {@link SelectorLimits#DEFAULT}.
     *
     * <p>An empty expression is invalid here; the JMS rule that an empty selector means "no selector" is
     * the caller's to apply before calling this.
     *
     * @throws InvalidSelectorException if the expression is malformed or beyond the limits
     */
    public static Selector parse(String expression, SelectorDialect dialect) {
        return parse(expression, dialect, SelectorLimits.DEFAULT);
    }

    /**
     * Compiles {@code expression} within {@code limits}.
     *
     * @throws InvalidSelectorException if the expression is malformed or beyond the limits
     */
    public static Selector parse(String expression, SelectorDialect dialect, SelectorLimits limits) {
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(limits, "limits");
        Node root;
        try {
            root = switch (dialect) {
                case JMS -> new JmsParser(expression, limits).parse();
                case ROCKETMQ -> new RocketMqParser(expression, limits).parse();
            };
        } catch (StackOverflowError e) {
            // Only when the caller's thread has a very small stack: the depth limit bounds the recursion,
            // and parsing touches no shared state, so giving up here leaves nothing inconsistent.
            throw new InvalidSelectorException(1, "expression nests too deeply for this thread's stack");
        }
        return new Selector(expression, dialect, root);
    }

    /**
     * Whether a message with these properties is selected: true only when the selector evaluates to
     * TRUE. In the ROCKETMQ dialect, a value that Apache RocketMQ would fail to convert (a non-numeric
     * string compared with a number, say) makes the whole selector not match, as it does on an Apache broker.
     */
    public boolean matches(PropertyResolver properties) {
        Objects.requireNonNull(properties, "properties");
        try {
            return root.evaluate(properties) == Boolean.TRUE;
        } catch (EvaluationAborted aborted) {
            return false;
        }
    }

    /** The expression as given to {@link #parse}. */
    public String expression() {
        return expression;
    }

    public SelectorDialect dialect() {
        return dialect;
    }

    @Override
    public String toString() {
        return dialect + " selector: " + expression;
    }
}
