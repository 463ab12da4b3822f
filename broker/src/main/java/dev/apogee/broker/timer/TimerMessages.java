package dev.apogee.broker.timer;

import dev.apogee.remoting.protocol.message.MessageDraft;
import dev.apogee.remoting.protocol.message.MessageProperties;
import java.time.Duration;
import java.util.Map;

/**
 * The rules of 5.x timer messages (arbitrary delivery time): which properties make a message one,
 * when it is due, and how it is parked in the timer topic until then.
 */
public final class TimerMessages {

    /** Where timer messages wait, queue 0, as on the official broker. */
    public static final String TIMER_TOPIC = "rmq_sys_wheel_timer";
    /** The official broker's default limit (timerMaxDelaySec, three days). */
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofDays(3);

    private TimerMessages() {
    }

    /** Whether the properties ask for a delivery time (a message already parked does not ask again). */
    public static boolean isTimer(Map<String, String> properties) {
        if (properties.containsKey(MessageProperties.TIMER_OUT_MS)) {
            return false;
        }
        return properties.containsKey(MessageProperties.TIMER_DELIVER_MS)
                || properties.containsKey(MessageProperties.TIMER_DELAY_SEC)
                || properties.containsKey(MessageProperties.TIMER_DELAY_MS);
    }

    /**
     * When the message is due: now plus TIMER_DELAY_SEC, else now plus TIMER_DELAY_MS, else
     * TIMER_DELIVER_MS (the same precedence as the official broker).
     *
     * @throws IllegalArgumentException if the value is not a whole number, or is further away than
     *                                  {@code maxDelay}
     */
    public static long deliverAt(Map<String, String> properties, long now, Duration maxDelay) {
        long at;
        String name = properties.containsKey(MessageProperties.TIMER_DELAY_SEC) ? MessageProperties.TIMER_DELAY_SEC
                : properties.containsKey(MessageProperties.TIMER_DELAY_MS) ? MessageProperties.TIMER_DELAY_MS
                : MessageProperties.TIMER_DELIVER_MS;
        String value = properties.get(name);
        try {
            long number = Long.parseLong(value.trim());
            at = switch (name) {
                case MessageProperties.TIMER_DELAY_SEC -> Math.addExact(now, Math.multiplyExact(number, 1000L));
                case MessageProperties.TIMER_DELAY_MS -> Math.addExact(now, number);
                default -> number;
            };
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(name + " must be a whole number of " + unit(name) + ", not '" + value + "'");
        }
        if (at - now > maxDelay.toMillis()) {
            throw new IllegalArgumentException("timer message illegal: the delay must not exceed " + maxDelay.toMillis()
                    + " ms, and " + name + "=" + value + " is " + (at - now) + " ms away");
        }
        return at;
    }

    private static String unit(String name) {
        return name.equals(MessageProperties.TIMER_DELAY_SEC) ? "seconds" : "milliseconds";
    }

    /** The copy that waits in the timer topic, remembering its real destination and due time. */
    public static MessageDraft park(MessageDraft message, Map<String, String> properties, long deliverAt) {
        properties.put(MessageProperties.REAL_TOPIC, message.topic());
        properties.put(MessageProperties.REAL_QUEUE_ID, Integer.toString(message.queueId()));
        properties.put(MessageProperties.TIMER_OUT_MS, Long.toString(deliverAt));
        return message.withDestination(TIMER_TOPIC, 0).withProperties(MessageProperties.format(properties));
    }
}
