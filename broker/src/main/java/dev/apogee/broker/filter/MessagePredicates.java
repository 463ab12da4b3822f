package dev.apogee.broker.filter;

import dev.apogee.remoting.protocol.ExpressionTypes;
import dev.apogee.remoting.protocol.message.MessageProperties;
import dev.apogee.remoting.protocol.message.StoredMessage;
import dev.apogee.selector.InvalidSelectorException;
import dev.apogee.selector.Selector;
import dev.apogee.selector.jms.JmsWireResolver;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Subscription expressions as exact tests on a decoded message, for consumption paths that read
 * each record anyway (pop): a tag expression compares the real tag, not its hash.
 */
public final class MessagePredicates {

    private final SqlFilters sql;
    private final boolean propertyFilter;

    /** @param propertyFilter whether SQL92 expressions are served */
    public MessagePredicates(SqlFilters sql, boolean propertyFilter) {
        this.sql = sql;
        this.propertyFilter = propertyFilter;
    }

    /**
     * The test for an expression of the given type ({@code null} type means TAG).
     *
     * @throws IllegalArgumentException if the expression cannot be parsed, or is SQL92 and that is off
     */
    public Predicate<StoredMessage> of(String expressionType, String expression) {
        if (expressionType == null || expressionType.isBlank() || expressionType.equalsIgnoreCase(ExpressionTypes.TAG)) {
            return tags(expression);
        }
        if (!propertyFilter) {
            throw new IllegalArgumentException("The broker does not support consumer to filter message by "
                    + expressionType + " (property-filter is off)");
        }
        try {
            Selector selector = sql.compile(expressionType, expression);
            if (SqlFilters.isJms(expressionType)) {
                return message -> selector.matches(new JmsWireResolver(message::property, message.bornTimestamp(),
                        message::offsetMessageId));
            }
            return message -> selector.matches(message::property);
        } catch (InvalidSelectorException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static Predicate<StoredMessage> tags(String expression) {
        if (TagFilter.matchesAll(expression)) {
            return message -> true;
        }
        Set<String> wanted = TagFilter.tags(expression);
        return message -> {
            String tag = message.property(MessageProperties.TAGS);
            return tag != null && wanted.contains(tag);
        };
    }
}
