package dev.apogee.remoting.protocol;

/**
 * The subscription expression types of pull, pop and heartbeat requests: RocketMQ's {@code TAG} and
 * {@code SQL92}, and Apogee's {@code JMS} (a Jakarta Messaging selector over what Apogee's JMS provider
 * wrote; only Apogee brokers evaluate it, Apache brokers refuse it).
 */
public final class ExpressionTypes {

    /** A tag expression: {@code *} or {@code a || b}. */
    public static final String TAG = "TAG";
    /** RocketMQ's SQL92 property filter. */
    public static final String SQL92 = "SQL92";
    /** A Jakarta Messaging selector, evaluated with JMS semantics. */
    public static final String JMS = "JMS";

    private ExpressionTypes() {
    }
}
