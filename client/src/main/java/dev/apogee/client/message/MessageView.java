package dev.apogee.client.message;

import dev.apogee.remoting.protocol.message.MessageProperties;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A message as received from a broker: what the producer sent plus where and when it was stored.
 * Made by {@link MessageViews}, the one place records are decoded, so every consumer sees the same.
 *
 * @param topic            the topic it is stored in (a retry or dead-letter topic for redeliveries)
 * @param body             the body, already inflated if the producer compressed it
 * @param properties       every property, system ones included
 * @param messageId        the unique client id ({@code UNIQ_KEY}), or the offset id when the producer set none
 * @param offsetMessageId  store host and commit-log offset, as the broker hands it out
 * @param queueId          the queue it is stored in
 * @param queueOffset      its position in that queue
 * @param commitLogOffset  its position in the broker's commit log
 * @param sysFlag          the system flag as stored
 * @param bornTimestamp    when the producer sent it (ms since the epoch)
 * @param bornHost         the producer's address
 * @param storeTimestamp   when the broker stored it (ms since the epoch)
 * @param storeHost        the broker's address
 * @param reconsumeTimes   how many times it was redelivered
 * @param bodyCrc          CRC32 of the body as stored
 */
public record MessageView(String topic, byte[] body, Map<String, String> properties, String messageId,
                          String offsetMessageId, int queueId, long queueOffset, long commitLogOffset, int sysFlag,
                          long bornTimestamp, InetSocketAddress bornHost, long storeTimestamp,
                          InetSocketAddress storeHost, int reconsumeTimes, int bodyCrc) {

    public MessageView {
        properties = Map.copyOf(properties);
    }

    /** The tags, or null. */
    public String tags() {
        return properties.get(MessageProperties.TAGS);
    }

    /** The keys, empty when none. */
    public List<String> keys() {
        String keys = properties.get(MessageProperties.KEYS);
        return keys == null || keys.isEmpty() ? List.of() : List.of(keys.split(MessageProperties.KEY_SEPARATOR));
    }

    /** One property, or null. */
    public String property(String name) {
        return properties.get(name);
    }

    /** The properties that are not the system's. */
    public Map<String, String> userProperties() {
        return properties.entrySet().stream().filter(entry -> !SystemProperties.isReserved(entry.getKey()))
                .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageView other && commitLogOffset == other.commitLogOffset
                && queueOffset == other.queueOffset && queueId == other.queueId && topic.equals(other.topic)
                && storeHost.equals(other.storeHost) && Arrays.equals(body, other.body);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(commitLogOffset) * 31 + topic.hashCode();
    }

    @Override
    public String toString() {
        return "MessageView[topic=" + topic + ", id=" + messageId + ", queueId=" + queueId + ", queueOffset="
                + queueOffset + ", tags=" + tags() + ", body=" + body.length + " bytes]";
    }
}
