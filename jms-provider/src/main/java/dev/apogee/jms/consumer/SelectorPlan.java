package dev.apogee.jms.consumer;

import dev.apogee.client.message.SystemProperties;
import dev.apogee.client.pop.FilterExpression;
import dev.apogee.jms.message.MessageMapper;
import dev.apogee.jms.message.ProviderProperties;
import dev.apogee.remoting.protocol.ExpressionTypes;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.selector.Selector;
import dev.apogee.selector.SelectorDialect;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a JMS message selector is applied: the one place where a selector is turned into what the broker
 * sees. The selector is always parsed here (JMS dialect), so a bad one fails at consumer creation, and is
 * always evaluated on every received message ({@link #matches}), exactly as the specification says. The
 * broker evaluates it first, so that non-matching messages never travel:
 *
 * <ul>
 *   <li>For a subscription, {@code JMSType = 'x'} or {@code JMSType IN ('x', 'y')} alone: a tag filter
 *       {@code x || y}, which the broker answers from its consume queue without reading the messages.
 *       (Queues are different: {@link #forQueue}.)</li>
 *   <li>Otherwise, on Apogee brokers, the selector itself as a {@code JMS} filter: the same selector engine
 *       with the same JMS semantics, reading the headers and typed properties the mapping wrote
 *       ({@code JmsWireResolver}); only the identifiers are rewritten to the names the mapping stores
 *       them under ({@link #toWireSelector}). Not for JMSX properties the provider sets on receipt
 *       (JMSXDeliveryCount), nor for the provider's own {@code JMS_} names.</li>
 *   <li>A broker that refuses the JMS filter (Apache RocketMQ) gets the {@link #fallbackFilter}: a selector
 *       made only of comparisons, {@code AND}, {@code OR}, {@code BETWEEN}, {@code IN} and
 *       {@code IS [NOT] NULL} becomes a RocketMQ SQL92 filter, with the headers rewritten to the
 *       properties the mapping writes ({@link #brokerName}); anything else is decided by the client alone.
 *       Why not all of it: RocketMQ's SQL92 compares strings with numbers, binds {@code NOT} tighter than
 *       comparisons and has no {@code LIKE}; those selectors would mean something else there.</li>
 * </ul>
 */
public final class SelectorPlan {

    /** No selector: everything. */
    public static final SelectorPlan ALL = new SelectorPlan(null, FilterExpression.ALL, FilterExpression.ALL);

    private static final Pattern TYPE_EQUALS = Pattern.compile("\\s*JMSType\\s*=\\s*'([^']*)'\\s*");
    private static final Pattern TYPE_IN = Pattern.compile("\\s*JMSType\\s+IN\\s*\\(([^)]*)\\)\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_.:\\-]+");
    private static final Set<String> PUSHABLE_KEYWORDS = Set.of("AND", "OR", "BETWEEN", "IN", "IS", "NULL",
            "TRUE", "FALSE");
    private static final Set<String> CLIENT_ONLY_KEYWORDS = Set.of("NOT", "LIKE", "ESCAPE");

    /** Header identifiers (3.8.1.1) that the broker computes from what the mapping wrote. */
    private static final Set<String> BROKER_HEADERS = Set.of("JMSDeliveryMode", "JMSPriority", "JMSMessageID",
            "JMSTimestamp", "JMSCorrelationID", "JMSType");
    /** JMSX properties the application sets, stored like user properties. */
    private static final Set<String> APPLICATION_JMSX = Set.of("JMSXGroupID", "JMSXGroupSeq");
    /** The JMS dialect's keywords, which are not identifiers. */
    private static final Set<String> JMS_KEYWORDS = Set.of("NOT", "AND", "OR", "BETWEEN", "LIKE", "IN", "IS",
            "ESCAPE", "NULL", "TRUE", "FALSE");

    private final Selector selector;
    private final FilterExpression brokerFilter;
    private final FilterExpression fallbackFilter;

    private SelectorPlan(Selector selector, FilterExpression brokerFilter, FilterExpression fallbackFilter) {
        this.selector = selector;
        this.brokerFilter = brokerFilter;
        this.fallbackFilter = fallbackFilter;
    }

    /**
     * The plan of {@code selector} for a consumer whose group has no other consumers with another selector
     * (a topic subscription); null or blank means none.
     *
     * @throws InvalidSelectorException if it is not a valid JMS message selector
     */
    public static SelectorPlan of(String selector) throws InvalidSelectorException {
        if (selector == null || selector.isBlank()) {
            return ALL;
        }
        Selector parsed = parse(selector);
        try {
            parsed = Selector.parse(selector, SelectorDialect.JMS);
        } catch (dev.apogee.selector.InvalidSelectorException e) {
            InvalidSelectorException invalid = new InvalidSelectorException("invalid message selector \""
                    + selector + "\": " + e.getMessage());
            invalid.initCause(e);
            throw invalid;
        }
        FilterExpression tags = tagFilter(selector);
        if (tags != null) {
            return new SelectorPlan(parsed, tags, tags);
        }
        FilterExpression fallback = FilterExpression.ALL;
        String sql = toBrokerSql(selector);
        if (sql != null) {
            try {
                Selector.parse(sql, SelectorDialect.ROCKETMQ);
                fallback = FilterExpression.sql(sql);
            } catch (dev.apogee.selector.InvalidSelectorException e) {
                // A literal the broker's dialect refuses (0.0, hex): the client decides alone.
            }
        }
        String wire = toWireSelector(selector);
        return new SelectorPlan(parsed, wire == null ? fallback : FilterExpression.jms(wire), fallback);
    }

    /**
     * The plan of {@code selector} for a queue consumer, whose group ({@code JMSQ-X}) it shares with every
     * other consumer of the queue, each with its own selector. Only the JMS filter is pushed down, and with no
     * fallback: Apogee's broker leaves what a consumer's filter rejects to the group's other consumers, but
     * Apache RocketMQ's counts a pop filter's rejects (tag filters included) as consumed by the whole group,
     * which would lose them for the consumers that want them. A broker that refuses the JMS filter is thus
     * one where the client must filter alone.
     *
     * @throws InvalidSelectorException if it is not a valid JMS message selector
     */
    public static SelectorPlan forQueue(String selector) throws InvalidSelectorException {
        if (selector == null || selector.isBlank()) {
            return ALL;
        }
        Selector parsed = parse(selector);
        String wire = toWireSelector(selector);
        return new SelectorPlan(parsed, wire == null ? FilterExpression.ALL : FilterExpression.jms(wire),
                FilterExpression.ALL);
    }

    private static Selector parse(String selector) throws InvalidSelectorException {
        try {
            return Selector.parse(selector, SelectorDialect.JMS);
        } catch (dev.apogee.selector.InvalidSelectorException e) {
            InvalidSelectorException invalid = new InvalidSelectorException("invalid message selector \""
                    + selector + "\": " + e.getMessage());
            invalid.initCause(e);
            throw invalid;
        }
    }

    /** What the broker filters by, first. */
    public FilterExpression brokerFilter() {
        return brokerFilter;
    }

    /**
     * What a broker that refuses {@link #brokerFilter} (one that does not speak the JMS filter) filters by:
     * the part of the selector RocketMQ's SQL92 evaluates the same way, or everything.
     */
    public FilterExpression fallbackFilter() {
        return fallbackFilter;
    }

    /**
     * The filter to ask for after a broker refused {@code refused} with {@code responseCode}, or null when the
     * refusal was not about the filter: the JMS filter (which Apache brokers do not know) gives way to the
     * SQL92 fallback, and an SQL92 filter (a broker with property filters off) to none. The client evaluates
     * the selector on every message anyway, so only traffic changes.
     */
    public FilterExpression afterRefusal(FilterExpression refused, int responseCode) {
        boolean filterRefused = responseCode == ResponseCode.SUBSCRIPTION_PARSE_FAILED
                || responseCode == ResponseCode.SYSTEM_ERROR;
        if (!filterRefused || !refused.isProperty()) {
            return null;
        }
        return refused.type().equals(ExpressionTypes.JMS) ? fallbackFilter : FilterExpression.ALL;
    }

    /** Whether there is a selector at all. */
    public boolean hasSelector() {
        return selector != null;
    }

    /** The selector as given, or null. */
    public String expression() {
        return selector == null ? null : selector.expression();
    }

    /** Whether {@code message} matches, headers included, evaluated with the JMS dialect. */
    public boolean matches(Message message) {
        return selector == null || selector.matches(name -> HeaderValues.of(message, name));
    }

    /** The property the broker sees for header {@code name}, or null when it is not pushed down. */
    static String brokerName(String header) {
        return switch (header) {
            case "JMSCorrelationID" -> ProviderProperties.CORRELATION_ID;
            case "JMSPriority" -> ProviderProperties.PRIORITY;
            case "JMSDeliveryMode" -> ProviderProperties.DELIVERY_MODE;
            case "JMSMessageID" -> "UNIQ_KEY";
            default -> null;
        };
    }

    private static FilterExpression tagFilter(String selector) {
        Matcher equals = TYPE_EQUALS.matcher(selector);
        if (equals.matches()) {
            return TAG.matcher(equals.group(1)).matches() ? FilterExpression.tag(equals.group(1)) : null;
        }
        Matcher in = TYPE_IN.matcher(selector);
        if (in.matches()) {
            List<String> tags = new ArrayList<>();
            for (String item : in.group(1).split(",")) {
                String trimmed = item.trim();
                if (trimmed.length() < 2 || !trimmed.startsWith("'") || !trimmed.endsWith("'")) {
                    return null;
                }
                String tag = trimmed.substring(1, trimmed.length() - 1);
                if (!TAG.matcher(tag).matches()) {
                    return null;
                }
                tags.add(tag);
            }
            return FilterExpression.tag(String.join(" || ", tags));
        }
        return null;
    }

    /**
     * {@code selector} with every property identifier replaced by the name the mapping stores it under
     * ({@link MessageMapper#wireName}), everything else exactly as written; null when an identifier is one
     * the broker cannot know (a JMSX property set on receipt, a provider {@code JMS_} name, a header that is
     * not a selector identifier, a name the mapping would escape with {@code %}).
     */
    static String toWireSelector(String selector) {
        StringBuilder out = new StringBuilder(selector.length() + 16);
        int i = 0;
        while (i < selector.length()) {
            char c = selector.charAt(i);
            if (c == '\'') {
                int end = i + 1;
                while (end < selector.length()
                        && (selector.charAt(end) != '\'' || (end + 1 < selector.length() && selector.charAt(end + 1) == '\''))) {
                    end += selector.charAt(end) == '\'' ? 2 : 1;
                }
                if (end >= selector.length()) {
                    return null;
                }
                out.append(selector, i, end + 1);
                i = end + 1;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < selector.length()
                    && Character.isDigit(selector.charAt(i + 1)))) {
                int end = i;   // a number with its suffixes (0x1F, 1.5E3, 10L): never an identifier
                while (end < selector.length() && (Character.isLetterOrDigit(selector.charAt(end))
                        || selector.charAt(end) == '.' || selector.charAt(end) == '_')) {
                    end++;
                }
                out.append(selector, i, end);
                i = end;
            } else if (Character.isJavaIdentifierStart(c)) {
                int end = i + 1;
                while (end < selector.length() && Character.isJavaIdentifierPart(selector.charAt(end))) {
                    end++;
                }
                String wire = wireIdentifier(selector.substring(i, end));
                if (wire == null) {
                    return null;
                }
                out.append(wire);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        String wire = out.toString();
        try {
            Selector.parse(wire, SelectorDialect.JMS);
            return wire;
        } catch (dev.apogee.selector.InvalidSelectorException e) {
            return null;
        }
    }

    private static String wireIdentifier(String identifier) {
        if (JMS_KEYWORDS.contains(identifier.toUpperCase(Locale.ROOT)) || BROKER_HEADERS.contains(identifier)) {
            return identifier;
        }
        if (identifier.startsWith("JMS") && !APPLICATION_JMSX.contains(identifier)) {
            return null;
        }
        String wire = MessageMapper.wireName(identifier);
        return wire.indexOf('%') >= 0 ? null : wire;
    }

    /** The broker's SQL92 form of {@code selector}, or null when it cannot mean the same there. */
    static String toBrokerSql(String selector) {
        List<String> tokens = Tokens.split(selector);
        if (tokens == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            char first = token.charAt(0);
            if (first == '\'') {
                out.append(token);
            } else if (Character.isJavaIdentifierStart(first)) {
                String upper = token.toUpperCase(Locale.ROOT);
                if (CLIENT_ONLY_KEYWORDS.contains(upper)) {
                    return null;
                }
                if (PUSHABLE_KEYWORDS.contains(upper)) {
                    out.append(upper);
                } else if (token.startsWith("JMS")) {
                    int consumed = header(tokens, i, out);
                    if (consumed < 0) {
                        return null;
                    }
                    i += consumed - 1;
                } else if (SystemProperties.isReserved(token) || !token.chars().allMatch(c -> c < 128)) {
                    return null;
                } else {
                    out.append(token);
                }
            } else if ("+-*/".indexOf(first) >= 0) {
                return null;
            } else {
                out.append(token);
            }
            out.append(' ');
        }
        return out.toString().trim();
    }

    /**
     * Rewrites {@code header op literal} at {@code tokens[i]}; returns the tokens consumed, or -1 when the
     * header or the form is not pushed down.
     */
    private static int header(List<String> tokens, int i, StringBuilder out) {
        String header = tokens.get(i);
        String property = brokerName(header);
        if (property == null || i + 2 >= tokens.size()) {
            return -1;
        }
        String op = tokens.get(i + 1);
        String literal = tokens.get(i + 2);
        if (!Set.of("=", "<>", "<", ">", "<=", ">=").contains(op)) {
            return -1;
        }
        switch (header) {
            case "JMSCorrelationID" -> {
                if (!literal.startsWith("'")) {
                    return -1;
                }
                out.append(property).append(' ').append(op).append(' ').append(literal);
            }
            case "JMSMessageID" -> {
                if (!literal.startsWith("'ID:") || !(op.equals("=") || op.equals("<>"))) {
                    return -1;
                }
                out.append(property).append(' ').append(op).append(" '").append(literal.substring(4));
            }
            case "JMSPriority" -> {
                if (!literal.matches("[0-9]")) {
                    return -1;
                }
                int value = Integer.parseInt(literal);
                boolean defaultMatches = compare(4, op, value);
                out.append('(').append(property).append(' ').append(op).append(' ').append(value);
                if (defaultMatches) {
                    out.append(" OR ").append(property).append(" IS NULL");
                }
                out.append(')');
            }
            case "JMSDeliveryMode" -> {
                if (!(op.equals("=") || op.equals("<>"))) {
                    return -1;
                }
                boolean persistent;
                if (literal.equals("'PERSISTENT'")) {
                    persistent = true;
                } else if (literal.equals("'NON_PERSISTENT'")) {
                    persistent = false;
                } else {
                    return -1;
                }
                boolean wantPersistent = persistent == op.equals("=");
                out.append(property).append(wantPersistent ? " IS NULL" : " IS NOT NULL");
            }
            default -> {
                return -1;
            }
        }
        return 3;
    }

    private static boolean compare(int left, String op, int right) {
        return switch (op) {
            case "=" -> left == right;
            case "<>" -> left != right;
            case "<" -> left < right;
            case ">" -> left > right;
            case "<=" -> left <= right;
            default -> left >= right;
        };
    }

    /** A minimal lexer: string literals, identifiers/keywords/numbers, and operators. */
    static final class Tokens {
        private Tokens() {
        }

        static List<String> split(String text) {
            List<String> tokens = new ArrayList<>();
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '\'') {
                    int end = i + 1;
                    while (true) {
                        if (end >= text.length()) {
                            return null;
                        }
                        if (text.charAt(end) == '\'') {
                            if (end + 1 < text.length() && text.charAt(end + 1) == '\'') {
                                end += 2;
                                continue;
                            }
                            break;
                        }
                        end++;
                    }
                    tokens.add(text.substring(i, end + 1));
                    i = end + 1;
                } else if (Character.isJavaIdentifierPart(c) || c == '.') {
                    int end = i;
                    while (end < text.length() && (Character.isJavaIdentifierPart(text.charAt(end))
                            || text.charAt(end) == '.')) {
                        end++;
                    }
                    tokens.add(text.substring(i, end));
                    i = end;
                } else if ((c == '<' || c == '>') && i + 1 < text.length()
                        && (text.charAt(i + 1) == '=' || (c == '<' && text.charAt(i + 1) == '>'))) {
                    tokens.add(text.substring(i, i + 2));
                    i += 2;
                } else {
                    tokens.add(String.valueOf(c));
                    i++;
                }
            }
            return tokens;
        }
    }
}
