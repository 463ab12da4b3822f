package dev.apogee.client.message;

import dev.apogee.remoting.protocol.message.MessageProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A message to send: topic, body, and optional tags, keys, user properties and a delay. Immutable:
 * every setter-like method returns a new message, so one message may be sent from many threads.
 *
 * <pre>{@code
 * Message message = Message.of("OrderEvents", body).tags("created").keys("order-42").property("region", "eu");
 * }</pre>
 *
 * <p>Everything is checked where it is set, with an {@link InvalidMessageException} naming the
 * problem; the producer checks the body size against its own limit when sending.
 */
public final class Message {

    /** Delay levels the broker knows: 1 (1 s) to 18 (2 h). */
    public static final int MAX_DELAY_LEVEL = 18;

    private final String topic;
    private final byte[] body;
    private final String tags;
    private final List<String> keys;
    private final Map<String, String> userProperties;
    private final int delayLevel;
    private final long deliverAtMillis;
    private final long delayMillis;
    private final String uniqueId;
    private final boolean waitStored;

    private Message(String topic, byte[] body, String tags, List<String> keys, Map<String, String> userProperties,
                    int delayLevel, long deliverAtMillis, long delayMillis, String uniqueId, boolean waitStored) {
        this.topic = topic;
        this.body = body;
        this.tags = tags;
        this.keys = keys;
        this.userProperties = userProperties;
        this.delayLevel = delayLevel;
        this.deliverAtMillis = deliverAtMillis;
        this.delayMillis = delayMillis;
        this.uniqueId = uniqueId;
        this.waitStored = waitStored;
    }

    /**
     * A message for {@code topic} with {@code body}. The body array is not copied: do not change it
     * after handing it over.
     *
     * @throws InvalidMessageException if the topic name is malformed or the body is empty
     */
    public static Message of(String topic, byte[] body) {
        Topics.checkName(topic);
        if (body == null || body.length == 0) {
            throw new InvalidMessageException("the message body of a message for " + topic + " is empty");
        }
        return new Message(topic, body, null, List.of(), Map.of(), 0, 0, 0, null, true);
    }

    /** This message with {@code newTags} (one tag, which consumers filter on); null removes it. */
    public Message tags(String newTags) {
        if (newTags != null) {
            checkText("tags", null, newTags);
        }
        return new Message(topic, body, newTags, keys, userProperties, delayLevel, deliverAtMillis, delayMillis,
                uniqueId, waitStored);
    }

    /** This message with the business keys {@code newKeys} (indexed by the broker for queries). */
    public Message keys(String... newKeys) {
        return keys(Arrays.asList(newKeys));
    }

    /**
     * This message with the business keys {@code newKeys}.
     *
     * @throws InvalidMessageException if a key is blank or contains a space (the separator on the wire)
     */
    public Message keys(Collection<String> newKeys) {
        for (String key : newKeys) {
            checkText("key", null, key);
            if (key.contains(MessageProperties.KEY_SEPARATOR)) {
                throw new InvalidMessageException("the key '" + key + "' contains a space, which separates keys");
            }
        }
        return new Message(topic, body, tags, List.copyOf(newKeys), userProperties, delayLevel, deliverAtMillis,
                delayMillis, uniqueId, waitStored);
    }

    /**
     * This message with the user property {@code name} set to {@code value}.
     *
     * @throws InvalidMessageException if the name is reserved by the protocol, or the name or value is
     *                                 blank or contains the protocol's separator characters
     */
    public Message property(String name, String value) {
        checkProperty(name, value);
        return withUserProperties(Map.of(name, value));
    }

    /**
     * This message with every one of {@code added} as a user property, in their iteration order (a value
     * replaces an earlier one of the same name): {@link #property} for many at once, copying the map once.
     *
     * @throws InvalidMessageException as {@link #property} does, for the first invalid entry
     */
    public Message properties(Map<String, String> added) {
        if (added.isEmpty()) {
            return this;
        }
        added.forEach(Message::checkProperty);
        return withUserProperties(added);
    }

    /** This message with {@code added} (checked already) put over its user properties, in their order. */
    private Message withUserProperties(Map<String, String> added) {
        Map<String, String> copy = new LinkedHashMap<>(userProperties);
        copy.putAll(added);
        return new Message(topic, body, tags, keys, Collections.unmodifiableMap(copy), delayLevel, deliverAtMillis,
                delayMillis, uniqueId, waitStored);
    }

    private static void checkProperty(String name, String value) {
        checkText("property name", null, name);
        checkText("value of property", name, value);
        if (SystemProperties.isReserved(name)) {
            throw new InvalidMessageException("the property name " + name + " is reserved by the system");
        }
    }

    /**
     * This message delivered after the broker's delay {@code level} (1 = 1 s, ... 18 = 2 h); 0 removes it.
     *
     * @throws InvalidMessageException if the level is outside 0..18 or a delivery time is set
     */
    public Message delayLevel(int level) {
        if (level < 0 || level > MAX_DELAY_LEVEL) {
            throw new InvalidMessageException("delay level " + level + " is not in 1.." + MAX_DELAY_LEVEL);
        }
        checkOneDelay(level > 0, deliverAtMillis > 0 || delayMillis > 0);
        return new Message(topic, body, tags, keys, userProperties, level, deliverAtMillis, delayMillis, uniqueId,
                waitStored);
    }

    /**
     * This message answered by a broker with synchronous flushing as soon as it is stored in memory rather
     * than once it is on disk ({@code WAIT=false}): for messages that may be lost in a machine crash (a JMS
     * NON_PERSISTENT send). Brokers flushing asynchronously answer both the same way.
     */
    public Message waitStored(boolean wait) {
        return new Message(topic, body, tags, keys, userProperties, delayLevel, deliverAtMillis, delayMillis, uniqueId,
                wait);
    }

    /** Whether the broker answers only once the message is stored as its flush mode says (the default). */
    public boolean waitsStored() {
        return waitStored;
    }

    /**
     * This message delivered at {@code time} (a 5.x timer message, to the millisecond).
     *
     * @throws InvalidMessageException if a delay level or delay is set too
     */
    public Message deliverAt(Instant time) {
        checkOneDelay(true, delayLevel > 0 || delayMillis > 0);
        return new Message(topic, body, tags, keys, userProperties, 0, time.toEpochMilli(), 0, uniqueId, waitStored);
    }

    /**
     * This message delivered {@code delay} after the broker stores it (a 5.x timer message).
     *
     * @throws InvalidMessageException if the delay is not positive, or a delay level or time is set too
     */
    public Message deliverAfter(Duration delay) {
        if (delay.isNegative() || delay.isZero()) {
            throw new InvalidMessageException("the delivery delay must be positive, not " + delay);
        }
        checkOneDelay(true, delayLevel > 0 || deliverAtMillis > 0);
        return new Message(topic, body, tags, keys, userProperties, 0, 0, delay.toMillis(), uniqueId, waitStored);
    }

    private static void checkOneDelay(boolean setting, boolean alreadySet) {
        if (setting && alreadySet) {
            throw new InvalidMessageException("a message has one delay: a delay level, a delivery time or a delay");
        }
    }

    /**
     * Refuses a blank {@code text} or one holding the protocol's separators. The error names {@code what}, then
     * {@code subject} when there is one; the two are joined only on failure, never for text that passes.
     */
    private static void checkText(String what, String subject, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidMessageException("the " + described(what, subject) + " is blank");
        }
        if (text.indexOf(MessageProperties.NAME_VALUE_SEPARATOR) >= 0
                || text.indexOf(MessageProperties.PROPERTY_SEPARATOR) >= 0) {
            throw new InvalidMessageException("the " + described(what, subject)
                    + " contains the control character \\u0001 or \\u0002");
        }
    }

    private static String described(String what, String subject) {
        return subject == null ? what : what + " " + subject;
    }

    /**
     * This message with its unique id ({@code UNIQ_KEY}) chosen beforehand, e.g. from {@link UniqueIds#next()},
     * so that the caller knows it before the send completes (a JMS message id must be set when
     * {@code send} returns, even for an asynchronous send). Without one the producer makes one.
     *
     * @throws InvalidMessageException if the id is blank, longer than 64 characters or not hexadecimal
     */
    public Message uniqueId(String id) {
        if (id == null || id.isBlank() || id.length() > 64 || !isHex(id)) {
            throw new InvalidMessageException("a unique message id is 1 to 64 hexadecimal digits, not '" + id + "'");
        }
        return new Message(topic, body, tags, keys, userProperties, delayLevel, deliverAtMillis, delayMillis, id,
                waitStored);
    }

    private static boolean isHex(String id) {
        for (int i = 0; i < id.length(); i++) {
            if (Character.digit(id.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The unique id chosen with {@link #uniqueId(String)}, or null when the producer is to make one. */
    public String presetUniqueId() {
        return uniqueId;
    }

    public String topic() {
        return topic;
    }

    /** The body (not copied). */
    public byte[] body() {
        return body;
    }

    /** The tags, or null. */
    public String tags() {
        return tags;
    }

    public List<String> keys() {
        return keys;
    }

    /** The user properties, in the order they were set. */
    public Map<String, String> userProperties() {
        return userProperties;
    }

    /** The delay level, 0 when none. */
    public int delayLevel() {
        return delayLevel;
    }

    /** The delivery time of a timer message, or null. */
    public Instant deliveryTime() {
        return deliverAtMillis > 0 ? Instant.ofEpochMilli(deliverAtMillis) : null;
    }

    /** The delivery delay of a timer message, or null. */
    public Duration deliveryDelay() {
        return delayMillis > 0 ? Duration.ofMillis(delayMillis) : null;
    }

    /**
     * The properties as they go on the wire, user properties last: what the producer sends (it adds
     * the unique id and, for transactions, the transaction markers). A new mutable map each call.
     */
    public Map<String, String> wireProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        if (tags != null) {
            properties.put(MessageProperties.TAGS, tags);
        }
        if (!keys.isEmpty()) {
            properties.put(MessageProperties.KEYS, String.join(MessageProperties.KEY_SEPARATOR, keys));
        }
        if (delayLevel > 0) {
            properties.put(MessageProperties.DELAY, Integer.toString(delayLevel));
        }
        if (deliverAtMillis > 0) {
            properties.put(MessageProperties.TIMER_DELIVER_MS, Long.toString(deliverAtMillis));
        }
        if (delayMillis > 0) {
            properties.put(MessageProperties.TIMER_DELAY_MS, Long.toString(delayMillis));
        }
        // The official client marks every message to be acknowledged only once stored (WAIT=true).
        properties.put(MessageProperties.WAIT, Boolean.toString(waitStored));
        properties.putAll(userProperties);
        return properties;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Message other && topic.equals(other.topic) && Arrays.equals(body, other.body)
                && Objects.equals(tags, other.tags) && keys.equals(other.keys)
                && userProperties.equals(other.userProperties) && delayLevel == other.delayLevel
                && deliverAtMillis == other.deliverAtMillis && delayMillis == other.delayMillis
                && Objects.equals(uniqueId, other.uniqueId) && waitStored == other.waitStored;
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, tags, keys, userProperties) * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "Message[topic=" + topic + ", tags=" + tags + ", keys=" + keys + ", body=" + body.length + " bytes"
                + (userProperties.isEmpty() ? "" : ", properties=" + userProperties) + "]";
    }
}
