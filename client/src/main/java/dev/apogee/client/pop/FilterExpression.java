package dev.apogee.client.pop;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which messages of a topic a consumer wants: a tag expression ({@code "*"}, {@code "a || b"}) or an
 * SQL92 condition on the message's properties ({@code "price > 10 AND region = 'eu'"}; the broker must
 * allow property filters). Evaluated by the broker.
 *
 * @param type       {@code TAG} or {@code SQL92}, as on the wire
 * @param expression the expression
 */
public record FilterExpression(String type, String expression) {

    /** Every message of the topic. */
    public static final FilterExpression ALL = new FilterExpression("TAG", "*");

    public FilterExpression {
        Objects.requireNonNull(type, "type");
        if (!type.equals("TAG") && !type.equals("SQL92")) {
            throw new IllegalArgumentException("filter type " + type + " is neither TAG nor SQL92");
        }
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("the filter expression is blank");
        }
        expression = expression.trim();
    }

    /** Messages with one of the tags in {@code tags} ({@code "a || b"}), or every message for {@code "*"}. */
    public static FilterExpression tag(String tags) {
        return new FilterExpression("TAG", tags);
    }

    /** Messages whose properties satisfy the SQL92 {@code condition}. */
    public static FilterExpression sql(String condition) {
        return new FilterExpression("SQL92", condition);
    }

    /** Whether this is an SQL92 condition. */
    public boolean isSql() {
        return type.equals("SQL92");
    }

    /** The tags of a tag expression (empty for {@code "*"} and for SQL92), as heartbeats announce them. */
    public Set<String> tags() {
        if (isSql() || expression.equals("*")) {
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
