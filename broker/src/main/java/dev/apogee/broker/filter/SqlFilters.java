package dev.apogee.broker.filter;

import dev.apogee.remoting.protocol.ExpressionTypes;
import dev.apogee.remoting.protocol.message.MalformedRecordException;
import dev.apogee.remoting.protocol.message.MessageProperties;
import dev.apogee.remoting.protocol.message.MessageRecordCodec;
import dev.apogee.remoting.protocol.message.MessageRecordLayout;
import dev.apogee.selector.InvalidSelectorException;
import dev.apogee.selector.Selector;
import dev.apogee.selector.SelectorDialect;
import dev.apogee.selector.jms.JmsWireResolver;
import dev.apogee.store.MessageFilter;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Property filters, evaluated on the broker against each message's properties, in two dialects:
 * {@code SQL92} ({@code MessageSelector.bySql}) with RocketMQ's semantics (property values are strings;
 * see the selector module), and {@code JMS}, an Apogee extension that Apogee's JMS provider sends: a
 * Jakarta Messaging selector evaluated with JMS semantics over what the provider wrote (typed properties,
 * headers; {@link JmsWireResolver}), so a JMS consumer's selector is decided here exactly as the provider
 * would decide it. Compiled expressions are cached: every pull of a group carries the same one.
 *
 * <p>Thread-safety: safe from any thread; compiled selectors are immutable.
 */
public final class SqlFilters {

    private static final int MAX_CACHED = 4_096;

    private final Map<String, Selector> compiledSql = new ConcurrentHashMap<>();
    private final Map<String, Selector> compiledJms = new ConcurrentHashMap<>();

    /**
     * Whether an expression type names a property filter: anything but TAG. JMS is one dialect; every
     * other type is treated as SQL92, as the official clients send only TAG and SQL92.
     */
    public static boolean isSql(String expressionType) {
        return expressionType != null && !expressionType.isBlank() && !expressionType.equalsIgnoreCase(ExpressionTypes.TAG);
    }

    /** Whether an expression type names the JMS dialect. */
    public static boolean isJms(String expressionType) {
        return ExpressionTypes.JMS.equalsIgnoreCase(expressionType);
    }

    /**
     * The compiled SQL92 expression.
     *
     * @throws InvalidSelectorException if it does not parse
     */
    public Selector compile(String expression) {
        return compile(ExpressionTypes.SQL92, expression);
    }

    /**
     * The compiled expression of a property-filter type (see {@link #isSql}).
     *
     * @throws InvalidSelectorException if it does not parse
     */
    public Selector compile(String expressionType, String expression) {
        boolean jms = isJms(expressionType);
        Map<String, Selector> cache = jms ? compiledJms : compiledSql;
        Selector selector = cache.get(expression);
        if (selector == null) {
            selector = Selector.parse(expression == null ? "" : expression,
                    jms ? SelectorDialect.JMS : SelectorDialect.ROCKETMQ);
            if (cache.size() >= MAX_CACHED) {
                cache.clear();   // expressions are few; a flood of distinct ones only costs recompiles
            }
            cache.put(expression, selector);
        }
        return selector;
    }

    /** A store filter for an SQL92 expression. */
    public MessageFilter filter(String expression) {
        return filter(ExpressionTypes.SQL92, expression);
    }

    /**
     * A store filter for a property expression: every record's properties are read and tested.
     *
     * @throws InvalidSelectorException if it does not parse
     */
    public MessageFilter filter(String expressionType, String expression) {
        Selector selector = compile(expressionType, expression);
        boolean jms = isJms(expressionType);
        return new MessageFilter() {
            @Override
            public boolean matchesTagsCode(long tagsCode) {
                return true;
            }

            @Override
            public boolean matchesRecord(ByteBuffer record) {
                try {
                    String properties = MessageRecordCodec.properties(record.duplicate());
                    if (!jms) {
                        return selector.matches(name -> MessageProperties.find(properties, name));
                    }
                    long born = record.getLong(record.position() + MessageRecordLayout.BORN_TIMESTAMP_OFFSET);
                    return selector.matches(new JmsWireResolver(name -> MessageProperties.find(properties, name), born,
                            () -> MessageRecordCodec.decode(record.duplicate(), false).offsetMessageId()));
                } catch (MalformedRecordException e) {
                    return false;
                }
            }
        };
    }
}
