package dev.apogee.client.pop;

import dev.apogee.client.GroupNames;
import java.time.Duration;

/**
 * Settings of a {@link PopConsumer}, fixed once it is built ({@link PopConsumer.Builder} makes them).
 *
 * @param group           the consumer group (shared by every consumer that splits the messages)
 * @param startFromLast   where a group new to a queue starts: its end (true) or its first message (false)
 * @param keepUnmatched   whether messages a receive's filter rejects stay for the group's other receives
 *                        (Apogee only; JMS queue selectors) instead of counting as consumed by the group
 * @param requestTimeout  timeout of acks, changes of invisible time, and pops beyond their poll time
 * @param retryTopicCheck how often to look again whether the group's pop retry topic of a topic exists
 */
public record PopSettings(String group, boolean startFromLast, boolean keepUnmatched, Duration requestTimeout,
                          Duration retryTopicCheck) {

    /** Most messages one receive asks for: what brokers hand out per pop. */
    public static final int MAX_BATCH = 32;

    public PopSettings {
        GroupNames.check(group);
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive, not " + requestTimeout);
        }
        if (retryTopicCheck == null || retryTopicCheck.isNegative()) {
            throw new IllegalArgumentException("retryTopicCheck must not be negative, not " + retryTopicCheck);
        }
    }
}
