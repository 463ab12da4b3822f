package dev.apogee.client.pop;

import dev.apogee.client.message.Topics;
import dev.apogee.remoting.protocol.PopRetryMarks;
import java.util.Objects;

/**
 * The receipt of one popped message, what RocketMQ calls its "extraInfo": which hand-out of which
 * message an ack or a change of invisible time is about. Its text form ({@link #extraInfo()}) is the
 * official one, eight space-separated fields: check-point queue offset, pop time, invisible time,
 * revive queue id, retry mark ({@code 0} the topic itself, {@code 1} the group's pop retry topic
 * {@code %RETRY%group_topic}, {@code 2} its newer form {@code %RETRY%group+topic}), broker name,
 * queue id, and the message's queue offset.
 *
 * @param checkpointOffset the first queue offset of the pop answer's batch in that queue
 * @param popTime          when the broker handed the message out (ms since the epoch); names the hand-out
 * @param invisibleMillis  how long it stays hidden from the group's other consumers
 * @param reviveQueueId    the broker's revive queue for the hand-out (0 on Apogee)
 * @param retryMark        {@code 0}, {@code 1} or {@code 2}, see above
 * @param brokerName       the broker group that handed it out
 * @param queueId          its queue
 * @param queueOffset      its offset in that queue
 */
public record PopReceipt(long checkpointOffset, long popTime, long invisibleMillis, int reviveQueueId,
                         String retryMark, String brokerName, int queueId, long queueOffset) {

    /** Retry mark of a message popped from the topic itself. */
    public static final String NORMAL = PopRetryMarks.NORMAL;
    /** Retry mark of a message popped from {@code %RETRY%group_topic}. */
    public static final String RETRY_V1 = PopRetryMarks.RETRY_V1;
    /** Retry mark of a message popped from {@code %RETRY%group+topic}. */
    public static final String RETRY_V2 = PopRetryMarks.RETRY_V2;

    public PopReceipt {
        Objects.requireNonNull(retryMark, "retryMark");
        Objects.requireNonNull(brokerName, "brokerName");
        if (!NORMAL.equals(retryMark) && !RETRY_V1.equals(retryMark) && !RETRY_V2.equals(retryMark)) {
            throw new IllegalArgumentException("retry mark " + retryMark + " is none of 0, 1, 2");
        }
    }

    /**
     * Reads a receipt in its text form.
     *
     * @throws IllegalArgumentException if it is not eight fields of the expected types
     */
    public static PopReceipt parse(String extraInfo) {
        String[] fields = Objects.requireNonNull(extraInfo, "extraInfo").trim().split(" ");
        if (fields.length != 8) {
            throw new IllegalArgumentException("the pop receipt '" + extraInfo + "' has " + fields.length
                    + " fields, not 8");
        }
        try {
            return new PopReceipt(Long.parseLong(fields[0]), Long.parseLong(fields[1]), Long.parseLong(fields[2]),
                    Integer.parseInt(fields[3]), fields[4], fields[5], Integer.parseInt(fields[6]),
                    Long.parseLong(fields[7]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the pop receipt '" + extraInfo + "' has a field that is not a number", e);
        }
    }

    /** The retry mark of a message stored in {@code storedTopic}. */
    public static String retryMarkOf(String storedTopic) {
        if (!storedTopic.startsWith(Topics.RETRY_PREFIX)) {
            return NORMAL;
        }
        return storedTopic.indexOf('+') > 0 ? RETRY_V2 : RETRY_V1;
    }

    /** The pop retry topic of {@code group} on {@code topic} in the form the broker uses by default. */
    public static String retryTopic(String group, String topic) {
        return PopRetryMarks.storedTopic(group, topic, RETRY_V1);
    }

    /**
     * The topic the message is stored in, so the one acks and changes name: {@code topic} itself, or
     * the group's retry topic for it.
     */
    public String storedTopic(String group, String topic) {
        return PopRetryMarks.storedTopic(group, topic, retryMark);
    }

    /** This receipt after the broker moved the hand-out to {@code newPopTime} for {@code newInvisibleMillis}. */
    public PopReceipt renewed(long newPopTime, long newInvisibleMillis, int newReviveQueueId) {
        // As the official client does: the renewed hand-out is a batch of one, starting at the message.
        return new PopReceipt(queueOffset, newPopTime, newInvisibleMillis, newReviveQueueId, retryMark, brokerName,
                queueId, queueOffset);
    }

    /** When the message becomes visible to the group again unless acknowledged (ms since the epoch). */
    public long invisibleUntil() {
        return popTime + invisibleMillis;
    }

    /** The text form brokers expect in ACK_MESSAGE and CHANGE_MESSAGE_INVISIBLETIME. */
    public String extraInfo() {
        return checkpointOffset + " " + popTime + " " + invisibleMillis + " " + reviveQueueId + " " + retryMark + " "
                + brokerName + " " + queueId + " " + queueOffset;
    }

    @Override
    public String toString() {
        return extraInfo();
    }
}
