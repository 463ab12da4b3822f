package dev.apogee.remoting.protocol.header.broker;

import dev.apogee.remoting.protocol.header.CommandHeader;
import dev.apogee.remoting.protocol.header.OptionalField;

/**
 * POP_MESSAGE (200050): hands out up to {@code maxMsgNums} messages of a queue ({@code queueId} -1:
 * any queue of the topic) to one consumer of a group, invisible to the others for
 * {@code invisibleTime} ms unless acknowledged first. {@code pollTime} is how long to wait when
 * none are available; {@code initMode} where a new group starts (0 first offset, 1 last).
 * {@code keepUnmatched} is Apogee's own: messages the expression rejects stay for the group's
 * other consumers instead of counting as consumed (JMS queue selectors); other brokers ignore it.
 */
public record PopMessageRequestHeader(String consumerGroup, String topic, int queueId, int maxMsgNums,
                                      long invisibleTime, long pollTime, long bornTime, int initMode,
                                      @OptionalField String expType, @OptionalField String exp,
                                      @OptionalField Boolean order, @OptionalField String attemptId,
                                      @OptionalField Boolean keepUnmatched)
        implements CommandHeader {

    public boolean isOrder() {
        return Boolean.TRUE.equals(order);
    }

    public boolean isKeepUnmatched() {
        return Boolean.TRUE.equals(keepUnmatched);
    }
}
