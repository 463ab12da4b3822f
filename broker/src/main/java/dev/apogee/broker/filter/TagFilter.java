package dev.apogee.broker.filter;

import dev.apogee.remoting.protocol.message.MessageProperties;
import dev.apogee.store.MessageFilter;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;

/**
 * A tag subscription ({@code "*"}, or tags joined by {@code ||}) matched on the consume queue's tags
 * code, without reading the record. Hash collisions let a few extra messages through; the client
 * checks the real tag, as it does against any RocketMQ broker.
 */
public final class TagFilter implements MessageFilter {

    private final Set<Long> codes;

    private TagFilter(Set<Long> codes) {
        this.codes = codes;
    }

    /** The filter for a subscription expression; {@code null}, blank or {@code *} match everything. */
    public static MessageFilter of(String expression) {
        if (matchesAll(expression)) {
            return MessageFilter.ALL;
        }
        Set<Long> codes = new HashSet<>();
        for (String tag : tags(expression)) {
            codes.add(MessageProperties.tagsCode(tag));
        }
        return new TagFilter(Set.copyOf(codes));
    }

    /** Whether a tag expression accepts every message: {@code null}, blank or {@code *}. */
    static boolean matchesAll(String expression) {
        return expression == null || expression.isBlank() || expression.trim().equals("*");
    }

    /** The tags of an expression that names some ({@code "a || b"}), trimmed. */
    static Set<String> tags(String expression) {
        Set<String> tags = new HashSet<>();
        for (String tag : expression.split("\\|\\|")) {
            String trimmed = tag.trim();
            if (!trimmed.isEmpty()) {
                tags.add(trimmed);
            }
        }
        return Set.copyOf(tags);
    }

    @Override
    public boolean matchesTagsCode(long tagsCode) {
        return codes.contains(tagsCode);
    }

    @Override
    public boolean matchesRecord(ByteBuffer record) {
        return true;
    }
}
