package dev.apogee.client.producer;

import dev.apogee.client.message.BodyCompression;
import dev.apogee.client.message.InvalidMessageException;
import dev.apogee.client.message.Message;
import dev.apogee.client.message.Topics;
import dev.apogee.client.message.UniqueIds;
import dev.apogee.remoting.protocol.message.MessageBatchCodec;
import dev.apogee.remoting.protocol.message.MessageProperties;
import dev.apogee.remoting.protocol.message.MessageRecordLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A message (or batch) made ready for the wire once, before the first attempt, so every retry sends
 * the same bytes with the same unique id.
 *
 * @param topic      where it goes
 * @param body       the body as sent (compressed, or the encoded batch)
 * @param sysFlag    the system flag (compression, transaction type)
 * @param properties the properties string
 * @param messageId  the unique id; for a batch every message's, comma-separated
 * @param batch      whether this is a SEND_BATCH_MESSAGE
 */
record PreparedSend(String topic, byte[] body, int sysFlag, String properties, String messageId, boolean batch) {

    /**
     * {@code message} ready to send with {@code extraProperties} (transaction markers) and {@code extraSysFlag}.
     *
     * @throws InvalidMessageException if the topic may not be sent to, or the body or properties are too large
     */
    static PreparedSend single(Message message, ProducerSettings settings, Map<String, String> extraProperties,
                               int extraSysFlag) {
        Topics.checkSendable(message.topic());
        checkSize(message.body().length, settings, message.topic());
        Map<String, String> properties = message.wireProperties();
        properties.putAll(extraProperties);
        String id = message.presetUniqueId() != null ? message.presetUniqueId() : UniqueIds.next();
        properties.put(MessageProperties.UNIQ_KEY, id);
        byte[] body = message.body();
        int sysFlag = extraSysFlag;
        if (body.length >= settings.compressThreshold()) {
            body = BodyCompression.compress(body, settings.compressType(), settings.compressLevel());
            sysFlag |= BodyCompression.flags(settings.compressType());
        }
        String formatted = MessageProperties.format(properties);
        checkProperties(formatted, message.topic());
        return new PreparedSend(message.topic(), body, sysFlag, formatted, id, false);
    }

    /**
     * {@code messages} as one batch: one topic, no delays, each with its own unique id; not compressed
     * (brokers store a batch's messages as they come).
     *
     * @throws InvalidMessageException if the batch is empty, mixes topics, holds delayed messages or is too large
     */
    static PreparedSend batch(List<Message> messages, ProducerSettings settings) {
        if (messages.isEmpty()) {
            throw new InvalidMessageException("a batch needs at least one message");
        }
        String topic = messages.get(0).topic();
        Topics.checkSendable(topic);
        if (topic.startsWith(Topics.RETRY_PREFIX)) {
            throw new InvalidMessageException("a batch cannot be sent to the retry topic " + topic);
        }
        List<MessageBatchCodec.Entry> entries = new ArrayList<>(messages.size());
        StringBuilder ids = new StringBuilder();
        for (Message message : messages) {
            if (!message.topic().equals(topic)) {
                throw new InvalidMessageException("every message of a batch must have one topic; found " + topic
                        + " and " + message.topic());
            }
            if (message.delayLevel() > 0 || message.deliveryTime() != null || message.deliveryDelay() != null) {
                throw new InvalidMessageException("a batch cannot hold delayed messages: " + message);
            }
            Map<String, String> properties = message.wireProperties();
            String id = message.presetUniqueId() != null ? message.presetUniqueId() : UniqueIds.next();
            properties.put(MessageProperties.UNIQ_KEY, id);
            ids.append(ids.length() == 0 ? "" : ",").append(id);
            String formatted = MessageProperties.format(properties);
            checkProperties(formatted, topic);
            entries.add(new MessageBatchCodec.Entry(0, message.body(), formatted));
        }
        byte[] body = MessageBatchCodec.encode(entries);
        checkSize(body.length, settings, topic);
        String properties = MessageProperties.format(Map.of(MessageProperties.WAIT, "true"));
        return new PreparedSend(topic, body, 0, properties, ids.toString(), true);
    }

    /**
     * Brokers store a message's properties behind a two-byte length: refused here with the figures,
     * rather than by the broker (or, on some brokers, cut short).
     */
    private static void checkProperties(String formatted, String topic) {
        if (formatted.length() > MessageRecordLayout.MAX_PROPERTIES_LENGTH / 3) {
            int bytes = formatted.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MessageRecordLayout.MAX_PROPERTIES_LENGTH) {
                throw new InvalidMessageException("the properties of a message for " + topic + " (tags, keys and "
                        + "user properties, as stored) take " + bytes + " bytes; a message may have at most "
                        + MessageRecordLayout.MAX_PROPERTIES_LENGTH);
            }
        }
    }

    private static void checkSize(int size, ProducerSettings settings, String topic) {
        if (size > settings.maxBodySize()) {
            throw new InvalidMessageException("the message body for " + topic + " is " + size
                    + " bytes; the producer accepts at most " + settings.maxBodySize());
        }
    }
}
