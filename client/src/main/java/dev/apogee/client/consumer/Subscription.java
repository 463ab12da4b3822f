package dev.apogee.client.consumer;

import dev.apogee.client.message.MessageView;
import dev.apogee.client.message.Topics;
import dev.apogee.remoting.protocol.body.HeartbeatData.SubscriptionData;
import dev.apogee.selector.InvalidSelectorException;
import dev.apogee.selector.Selector;
import dev.apogee.selector.SelectorDialect;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A consumer's interest in one topic: a tag expression ({@code *}, {@code created || paid}) or an
 * SQL92 expression over message properties ({@code a > 5 AND region = 'eu'}). Brokers filter with it
 * (tags by hash code, SQL92 by evaluating it); the consumer checks tags once more, because different
 * tags can share a hash code.
 *
 * @param topic      the topic
 * @param type       how {@code expression} is read
 * @param expression the expression as given ({@code *} for every message)
 * @param tags       the tags a tag expression names; empty for {@code *} and for SQL92
 */
public record Subscription(String topic, ExpressionType type, String expression, Set<String> tags) {

    /** The expression languages, named as on the wire. */
    public enum ExpressionType {
        TAG, SQL92
    }

    /** The expression that selects every message. */
    public static final String ALL = "*";

    public Subscription {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(expression, "expression");
        tags = Set.copyOf(tags);
    }

    /**
     * A tag subscription: {@code *} (or blank) for every message, else tags separated by {@code ||}.
     *
     * @throws IllegalArgumentException if the topic name is invalid or the expression names no tag
     */
    public static Subscription tags(String topic, String expression) {
        Topics.checkName(topic);
        String trimmed = expression == null ? "" : expression.trim();
        if (trimmed.isEmpty() || ALL.equals(trimmed)) {
            return new Subscription(topic, ExpressionType.TAG, ALL, Set.of());
        }
        Set<String> tags = new LinkedHashSet<>();
        for (String tag : trimmed.split("\\|\\|")) {
            String name = tag.trim();
            if (!name.isEmpty()) {
                tags.add(name);
            }
        }
        if (tags.isEmpty()) {
            throw new IllegalArgumentException("the tag expression '" + expression + "' of topic " + topic
                    + " names no tag; use * for every message");
        }
        return new Subscription(topic, ExpressionType.TAG, trimmed, tags);
    }

    /**
     * An SQL92 subscription, parsed now so that a mistake shows at once (brokers must have property
     * filtering enabled to serve it).
     *
     * @throws IllegalArgumentException if the topic name or the expression is invalid
     */
    public static Subscription sql(String topic, String expression) {
        Topics.checkName(topic);
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("the SQL92 expression of topic " + topic + " is blank");
        }
        try {
            Selector.parse(expression, SelectorDialect.ROCKETMQ);
        } catch (InvalidSelectorException e) {
            throw new IllegalArgumentException("invalid SQL92 expression for topic " + topic + ": '" + expression
                    + "': " + e.getMessage(), e);
        }
        return new Subscription(topic, ExpressionType.SQL92, expression.trim(), Set.of());
    }

    /** Whether this selects every message. */
    public boolean selectsAll() {
        return type == ExpressionType.TAG && tags.isEmpty();
    }

    /** The tags' hash codes, as brokers compare them with the hash codes in their queue index. */
    public Set<Integer> tagHashCodes() {
        return tags.stream().map(String::hashCode).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Whether a message the broker delivered really matches: brokers compare tag hash codes only, so a
     * tag with the same hash code as a subscribed one gets through them. SQL92 was evaluated by the broker.
     */
    public boolean accepts(MessageView message) {
        if (type != ExpressionType.TAG || tags.isEmpty()) {
            return true;
        }
        String tag = message.tags();
        return tag != null && tags.contains(tag);
    }

    /** The subscription as heartbeats announce it, with {@code version} (the time it was made). */
    public SubscriptionData toData(long version) {
        return new SubscriptionData(topic, expression, tags, tagHashCodes(), type.name(), version, false);
    }
}
