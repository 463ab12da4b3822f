package dev.apogee.client.route;

/**
 * Told when a topic's route changed (brokers or queues came or went); consumers rebalance on it.
 * Runs on a client callback thread: quick work only.
 */
@FunctionalInterface
public interface RouteListener {

    /** {@code route} is new, or differs from {@code previous} (null the first time). */
    void routeChanged(TopicRoute previous, TopicRoute route);
}
