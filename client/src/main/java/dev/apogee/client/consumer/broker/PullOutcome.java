package dev.apogee.client.consumer.broker;

import dev.apogee.client.message.MessageView;
import java.util.List;

/**
 * A broker's answer to one pull that is not an error.
 *
 * @param status          what was found
 * @param nextBeginOffset where the next pull of the queue starts
 * @param minOffset       the queue's smallest offset
 * @param maxOffset       the offset after the queue's last message
 * @param messages        the messages found that match the subscription (tags checked again here)
 */
public record PullOutcome(Status status, long nextBeginOffset, long minOffset, long maxOffset,
                          List<MessageView> messages) {

    public PullOutcome {
        messages = List.copyOf(messages);
    }

    /** The answers to a pull that carry no error. */
    public enum Status {
        /** Messages were read (the list may be empty when none passed the tag check). */
        FOUND,
        /** Nothing new in the queue (PULL_NOT_FOUND, after the broker held the request). */
        NO_NEW_MESSAGE,
        /** Messages were read but none matched the filter (PULL_RETRY_IMMEDIATELY): go on from the next offset. */
        NO_MATCHED_MESSAGE,
        /** The requested offset is outside the queue (PULL_OFFSET_MOVED): continue at the next offset. */
        OFFSET_ILLEGAL
    }
}
