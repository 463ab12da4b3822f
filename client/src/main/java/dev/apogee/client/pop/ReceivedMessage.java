package dev.apogee.client.pop;

import dev.apogee.client.message.MessageView;
import java.time.Instant;
import java.util.Objects;

/**
 * A message handed out by a pop, with the receipt that acknowledges it ({@link PopConsumer#ack}) or
 * keeps it hidden longer ({@link PopConsumer#changeInvisibleTime}). A message redelivered from the
 * group's pop retry topic shows the topic it was received from; its receipt knows where it is stored.
 *
 * @param message  the message (its topic: the one received from)
 * @param receipt  the receipt of this hand-out
 */
public record ReceivedMessage(MessageView message, PopReceipt receipt) {

    public ReceivedMessage {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(receipt, "receipt");
    }

    /** The topic it was received from. */
    public String topic() {
        return message.topic();
    }

    /** The unique id of the message. */
    public String messageId() {
        return message.messageId();
    }

    /** The body. */
    public byte[] body() {
        return message.body();
    }

    /** How many times it was handed out before this time (0 on first delivery). */
    public int redeliveries() {
        return message.reconsumeTimes();
    }

    /** Whether this hand-out came from the group's pop retry topic. */
    public boolean fromRetryTopic() {
        return !PopReceipt.NORMAL.equals(receipt.retryMark());
    }

    /** When it becomes visible to the group again unless acknowledged first. */
    public Instant invisibleUntil() {
        return Instant.ofEpochMilli(receipt.invisibleUntil());
    }

    /** The same message with another receipt (after a change of its invisible time). */
    ReceivedMessage withReceipt(PopReceipt newReceipt) {
        return new ReceivedMessage(message, newReceipt);
    }

    @Override
    public String toString() {
        return "ReceivedMessage[" + message + ", receipt=" + receipt + "]";
    }
}
