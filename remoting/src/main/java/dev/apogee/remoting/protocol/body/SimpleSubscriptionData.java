package dev.apogee.remoting.protocol.body;

/**
 * A subscription declared in a {@link SubscriptionGroupConfig} (5.x).
 *
 * @param topic          the topic
 * @param expressionType {@code TAG} or {@code SQL92}
 * @param expression     the expression
 * @param version        the subscription's version
 */
public record SimpleSubscriptionData(String topic, String expressionType, String expression, long version) {
}
