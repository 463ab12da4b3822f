package dev.apogee.remoting.protocol.body;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.apogee.remoting.protocol.PopRetryMarks;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;

/**
 * The acknowledgements of messages that one pop handed out from one queue, an entry of a
 * BATCH_ACK_MESSAGE body. The official client writes the short JSON names (and brokers also read the
 * long ones); the acknowledged messages are a bit set over queue offsets counted from
 * {@code startOffset}, written as the base64 of {@link BitSet#toByteArray()}.
 *
 * @param consumerGroup the group that popped the messages
 * @param topic         the topic the group consumes (the pop retry topic is named by {@code retry})
 * @param retry         the pop receipt's retry mark: {@code "0"} the topic itself, {@code "1"} the retry
 *                      topic {@code %RETRY%group_topic}, {@code "2"} {@code %RETRY%group+topic}
 * @param startOffset   the pop's check-point offset, where bit 0 points
 * @param queueId       the queue the messages came from
 * @param reviveQueueId the broker's revive queue of the pop
 * @param popTime       when the pop handed them out (ms since the epoch): names the hand-out
 * @param invisibleTime the pop's invisible time (ms)
 * @param ackedBits     the acknowledged offsets, bit {@code i} for {@code startOffset + i}
 */
public record BatchAck(@JsonProperty("c") @JsonAlias("consumerGroup") String consumerGroup,
                       @JsonProperty("t") @JsonAlias("topic") String topic,
                       @JsonProperty("r") @JsonAlias("retry") String retry,
                       @JsonProperty("so") @JsonAlias("startOffset") long startOffset,
                       @JsonProperty("q") @JsonAlias("queueId") int queueId,
                       @JsonProperty("rq") @JsonAlias("reviveQueueId") int reviveQueueId,
                       @JsonProperty("pt") @JsonAlias("popTime") long popTime,
                       @JsonProperty("it") @JsonAlias("invisibleTime") long invisibleTime,
                       @JsonProperty("b") @JsonAlias("bitSet") byte[] ackedBits) {

    public BatchAck {
        ackedBits = ackedBits == null ? new byte[0] : ackedBits.clone();
    }

    /** An entry acknowledging the offsets {@code startOffset + i} for every bit {@code i} set in {@code acked}. */
    public static BatchAck of(String consumerGroup, String topic, String retry, long startOffset, int queueId,
                              int reviveQueueId, long popTime, long invisibleTime, BitSet acked) {
        return new BatchAck(consumerGroup, topic, retry, startOffset, queueId, reviveQueueId, popTime, invisibleTime,
                acked.toByteArray());
    }

    /** The acknowledged offsets as bits counted from {@link #startOffset}. */
    public BitSet acked() {
        return BitSet.valueOf(ackedBits);
    }

    @Override
    public byte[] ackedBits() {
        return ackedBits.clone();
    }

    /**
     * The topic the acknowledged messages are stored in: the topic itself or the group's pop retry topic for it.
     *
     * @throws IllegalArgumentException if the retry mark is none of 0, 1, 2 (or absent)
     */
    public String storedTopic() {
        return PopRetryMarks.storedTopic(consumerGroup, topic, retry);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BatchAck that && startOffset == that.startOffset && queueId == that.queueId
                && reviveQueueId == that.reviveQueueId && popTime == that.popTime
                && invisibleTime == that.invisibleTime && Objects.equals(consumerGroup, that.consumerGroup)
                && Objects.equals(topic, that.topic) && Objects.equals(retry, that.retry)
                && Arrays.equals(ackedBits, that.ackedBits);
    }

    @Override
    public int hashCode() {
        return Objects.hash(consumerGroup, topic, retry, startOffset, queueId, popTime) * 31 + Arrays.hashCode(ackedBits);
    }

    @Override
    public String toString() {
        return "BatchAck[" + consumerGroup + " " + topic + " retry " + retry + " queue " + queueId + " from "
                + startOffset + " acked " + acked() + " popTime " + popTime + "]";
    }
}
