package dev.apogee.broker.filter;

import dev.apogee.remoting.protocol.message.MalformedRecordException;
import dev.apogee.remoting.protocol.message.MessageProperties;
import dev.apogee.remoting.protocol.message.MessageRecordCodec;
import dev.apogee.selector.InvalidSelectorException;
import dev.apogee.selector.Selector;
import dev.apogee.selector.SelectorDialect;
import dev.apogee.store.MessageFilter;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SQL92 subscriptions ({@code MessageSelector.bySql}), evaluated on the broker against each
 * message's properties with RocketMQ's semantics (property values are strings; see the selector
 * module). Compiled expressions are cached: every pull of a group carries the same one.
 *
 * <p>Thread-safety: safe from any thread; compiled selectors are immutable.
 */
public final class SqlFilters {

    public static final String SQL92 = "SQL92";
    private static final int MAX_CACHED = 4_096;

    private final Map<String, Selector> compiled = new ConcurrentHashMap<>();

    /** Whether an expression type names SQL92 (anything but TAG is treated as SQL92, as clients send only these two). */
    public static boolean isSql(String expressionType) {
        return expressionType != null && !expressionType.isBlank() && !expressionType.equalsIgnoreCase("TAG");
    }

    /**
     * The compiled expression.
     *
     * @throws InvalidSelectorException if it does not parse
     */
    public Selector compile(String expression) {
        Selector selector = compiled.get(expression);
        if (selector == null) {
            selector = Selector.parse(expression == null ? "" : expression, SelectorDialect.ROCKETMQ);
            if (compiled.size() >= MAX_CACHED) {
                compiled.clear();   // expressions are few; a flood of distinct ones only costs recompiles
            }
            compiled.put(expression, selector);
        }
        return selector;
    }

    /** A store filter for an expression: every record's properties are read and tested. */
    public MessageFilter filter(String expression) {
        Selector selector = compile(expression);
        return new MessageFilter() {
            @Override
            public boolean matchesTagsCode(long tagsCode) {
                return true;
            }

            @Override
            public boolean matchesRecord(ByteBuffer record) {
                String properties;
                try {
                    properties = MessageRecordCodec.properties(record.duplicate());
                } catch (MalformedRecordException e) {
                    return false;
                }
                return selector.matches(name -> MessageProperties.find(properties, name));
            }
        };
    }
}
