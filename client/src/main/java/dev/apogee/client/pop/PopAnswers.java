package dev.apogee.client.pop;

import dev.apogee.client.message.MessageView;
import dev.apogee.client.message.MessageViews;
import dev.apogee.remoting.protocol.header.broker.PopMessageResponseHeader;
import dev.apogee.remoting.protocol.message.MessageProperties;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the body of a successful POP_MESSAGE answer into {@link ReceivedMessage}s, building each
 * message's receipt as the official client does: the message's own {@code POP_CK} property when it
 * has one, otherwise from the answer's start-offset info when the broker sends it (Apache 5.x
 * brokers), otherwise from the first offset of the batch in the message's queue (Apogee, older brokers).
 *
 * <p>{@code POP_CK} matters for redeliveries on Apache brokers: unless
 * {@code popResponseReturnActualRetryTopic} is set, they re-encode a message popped from the group's
 * pop retry topic under the topic asked for, with its queue and offset in the retry topic, and put the
 * complete receipt (retry mark 1 or 2) in that property. Read by its topic alone, such a message looks
 * like one of the topic itself, and its ack would name the wrong queue.
 */
final class PopAnswers {

    private PopAnswers() {
    }

    /**
     * The messages of {@code body}, popped from {@code brokerName} for {@code topic} (the topic the
     * consumer asked for; messages from its retry topic are shown under it).
     */
    static List<ReceivedMessage> decode(byte[] body, PopMessageResponseHeader header, String brokerName, String topic) {
        List<MessageView> views = MessageViews.decodeAll(body, false);
        Map<String, Long> startOffsets = parseOffsets(header.startOffsetInfo());
        Map<String, Long> firstSeen = new HashMap<>();
        for (MessageView view : views) {
            if (ownReceipt(view) == null) {
                firstSeen.merge(key(PopReceipt.retryMarkOf(view.topic()), view.queueId()), view.queueOffset(), Math::min);
            }
        }
        List<ReceivedMessage> received = new ArrayList<>(views.size());
        for (MessageView view : views) {
            PopReceipt own = ownReceipt(view);
            if (own != null) {
                received.add(new ReceivedMessage(PopReceipt.NORMAL.equals(own.retryMark()) ? view : retitled(view, topic),
                        own));
                continue;
            }
            String mark = PopReceipt.retryMarkOf(view.topic());
            String key = key(mark, view.queueId());
            long checkpoint = startOffsets.getOrDefault(key, firstSeen.get(key));
            PopReceipt receipt = new PopReceipt(checkpoint, header.popTime(), header.invisibleTime(), header.reviveQid(),
                    mark, brokerName, view.queueId(), view.queueOffset());
            received.add(new ReceivedMessage(PopReceipt.NORMAL.equals(mark) ? view : retitled(view, topic), receipt));
        }
        return received;
    }

    /** The receipt the broker put into the message itself ({@code POP_CK}), or null if none (or unreadable). */
    private static PopReceipt ownReceipt(MessageView view) {
        String info = view.property(MessageProperties.POP_CK);
        if (info == null) {
            return null;
        }
        try {
            return PopReceipt.parse(info);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String key(String retryMark, int queueId) {
        return retryMark + "@" + queueId;
    }

    /** "mark queueId offset;mark queueId offset..." as Apache brokers write the start-offset info. */
    static Map<String, Long> parseOffsets(String info) {
        Map<String, Long> offsets = new HashMap<>();
        if (info == null || info.isBlank()) {
            return offsets;
        }
        for (String entry : info.split(";")) {
            String[] fields = entry.trim().split(" ");
            if (fields.length == 3) {
                try {
                    offsets.put(key(fields[0], Integer.parseInt(fields[1])), Long.parseLong(fields[2]));
                } catch (NumberFormatException e) {
                    // A malformed entry: that queue's receipts fall back to the batch's first offset.
                }
            }
        }
        return offsets;
    }

    /** A redelivery from the retry topic, shown under the topic the consumer asked for. */
    private static MessageView retitled(MessageView view, String topic) {
        return new MessageView(topic, view.body(), view.properties(), view.messageId(), view.offsetMessageId(),
                view.queueId(), view.queueOffset(), view.commitLogOffset(), view.sysFlag(), view.bornTimestamp(),
                view.bornHost(), view.storeTimestamp(), view.storeHost(), view.reconsumeTimes(), view.bodyCrc());
    }
}
