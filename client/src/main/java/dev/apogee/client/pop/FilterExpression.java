package dev.apogee.client.pop;

import dev.apogee.remoting.protocol.ExpressionTypes;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which messages of a topic a consumer wants: a tag expression ({@code "*"}, {@code "a || b"}) or an
 * SQL92 condition on the message's properties ({@code "price > 10 AND region = 'eu'"}; the broker must
 * allow property filters), or, on Apogee brokers only, a Jakarta Messaging selector over messages written by
 * Apogee's JMS provider ({@code JMS}; Apache brokers refuse it). Evaluated by the broker.
 *
 * @param type       {@code TAG}, {@code SQL92} or {@code JMS}, as on the wire
 * @param expression the expression
 */
public record FilterExpression(String type, String expression) {

    /** Every message of the topic. */
    public static final FilterExpression ALL = new FilterExpression(ExpressionTypes.TAG, "*");

    public FilterExpression {
        Objects.requireNonNull(type, "type");
        if (!type.equals(ExpressionTypes.TAG) && !type.equals(ExpressionTypes.SQL92) && !type.equals(ExpressionTypes.JMS)) {
            throw new IllegalArgumentException("filter type " + type + " is none of TAG, SQL92, JMS");
        }
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("the filter expression is blank");
        }
        expression = expression.trim();
    }

    /** Messages with one of the tags in {@code tags} ({@code "a || b"}), or every message for {@code "*"}. */
    public static FilterExpression tag(String tags) {
        return new FilterExpression(ExpressionTypes.TAG, tags);
    }

    /** Messages whose properties satisfy the SQL92 {@code condition}. */
    public static FilterExpression sql(String condition) {
        return new FilterExpression(ExpressionTypes.SQL92, condition);
    }

    /**
     * Messages that the Jakarta Messaging {@code selector} selects, evaluated with JMS semantics on what
     * Apogee's JMS provider wrote (headers and typed properties, identifiers by their RocketMQ names).
     * Only Apogee brokers evaluate it.
     */
    public static FilterExpression jms(String selector) {
        return new FilterExpression(ExpressionTypes.JMS, selector);
    }

    /** Whether this is an SQL92 condition. */
    public boolean isSql() {
        return type.equals(ExpressionTypes.SQL92);
    }

    /** Whether this is a property condition of either kind (SQL92 or JMS), not a tag expression. */
    public boolean isProperty() {
        return !type.equals(ExpressionTypes.TAG);
    }

    /** The tags of a tag expression (empty for {@code "*"} and for property conditions), as heartbeats announce them. */
    public Set<String> tags() {
        if (isProperty() || expression.equals("*")) {
            return Set.of();
        }
        Set<String> tags = new LinkedHashSet<>();
        Arrays.stream(expression.split("\\|\\|")).map(String::trim).filter(t -> !t.isEmpty()).forEach(tags::add);
        return tags;
    }

    @Override
    public String toString() {
        return type + "(" + expression + ")";
    }
}
