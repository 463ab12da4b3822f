package dev.apogee.remoting.protocol.body;

/**
 * CHECK_CLIENT_CONFIG (46) body: a consumer asks whether the broker accepts a subscription (sent
 * before subscribing with an SQL92 expression).
 */
public record CheckClientRequestBody(String clientId, String group, HeartbeatData.SubscriptionData subscriptionData) {
}
