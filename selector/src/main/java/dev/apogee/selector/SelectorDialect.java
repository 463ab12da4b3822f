package dev.apogee.selector;

/**
 * Which selector language, and which value semantics, a {@link Selector} follows.
 */
public enum SelectorDialect {

    /**
     * Jakarta Messaging 3.1 message selectors (§3.8.1): typed property values, no implicit conversion
     * between strings and numbers, a comparison of unlike types is false, NULL makes a comparison
     * unknown. Arithmetic, {@code LIKE ... ESCAPE}, hex and octal literals are supported. Header
     * identifiers such as {@code JMSPriority} are resolved through the {@link PropertyResolver} like any
     * property; the caller maps them.
     */
    JMS,

    /**
     * Apache RocketMQ's broker-side SQL92 filter ({@code MessageSelector.bySql}): every property is a
     * string, converted on demand to the type of the literal it meets; {@code CONTAINS},
     * {@code STARTSWITH}, {@code ENDSWITH} and their {@code NOT} forms; no arithmetic and no {@code LIKE}.
     * An expression Apache RocketMQ accepts is accepted, one it rejects is rejected, and a message matches
     * exactly when it would on an Apache broker (an evaluation error there means "no match" here).
     */
    ROCKETMQ
}
