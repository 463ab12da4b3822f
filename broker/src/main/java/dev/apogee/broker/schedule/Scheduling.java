package dev.apogee.broker.schedule;

import dev.apogee.broker.timer.TimerMessages;
import dev.apogee.remoting.protocol.message.MessageDraft;
import dev.apogee.remoting.protocol.message.MessageProperties;
import java.time.Duration;
import java.util.Map;

/**
 * Where a message that asks to arrive later waits: a delay level sends it to the schedule topic, a
 * delivery time (5.x timer properties) to the timer topic. A level wins over a time, as on the
 * official broker; a time already past means now.
 */
public final class Scheduling {

    private Scheduling() {
    }

    /**
     * The draft to store: {@code message} itself, or its waiting copy.
     *
     * @throws IllegalArgumentException if the level or time is not a number, or the time is too far away
     */
    public static MessageDraft route(MessageDraft message, long now, Duration timerMaxDelay) {
        String delay = MessageProperties.find(message.properties(), MessageProperties.DELAY);
        if (delay != null && !delay.isBlank() && !delay.trim().equals("0")) {
            int level;
            try {
                level = Integer.parseInt(delay.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("DELAY must be a level 1.." + DelayLevels.count() + ", not '"
                        + delay + "'");
            }
            if (level < 0) {
                throw new IllegalArgumentException("DELAY must be a level 1.." + DelayLevels.count() + ", not " + level);
            }
            Map<String, String> properties = MessageProperties.parse(message.properties());
            boolean hadTimer = properties.remove(MessageProperties.TIMER_DELIVER_MS) != null
                    | properties.remove(MessageProperties.TIMER_DELAY_SEC) != null
                    | properties.remove(MessageProperties.TIMER_DELAY_MS) != null;
            MessageDraft plain = hadTimer ? message.withProperties(MessageProperties.format(properties)) : message;
            return DelayedDelivery.delayed(plain, level);
        }
        if (!message.properties().contains("TIMER_")) {
            return message;   // the common case, without parsing the properties
        }
        Map<String, String> properties = MessageProperties.parse(message.properties());
        if (!TimerMessages.isTimer(properties)) {
            return message;
        }
        long deliverAt = TimerMessages.deliverAt(properties, now, timerMaxDelay);
        return deliverAt > now ? TimerMessages.park(message, properties, deliverAt) : message;
    }
}
