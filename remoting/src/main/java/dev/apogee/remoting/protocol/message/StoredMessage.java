package dev.apogee.remoting.protocol.message;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * One stored-message record, decoded ({@link MessageRecordLayout}). Hosts are kept as raw address
 * bytes plus port, which is what the record holds and what message ids are made of.
 */
public record StoredMessage(int totalSize, int magic, int bodyCrc, int queueId, int flag, long queueOffset,
                            long physicalOffset, int sysFlag, long bornTimestamp, byte[] bornHostAddress,
                            int bornHostPort, long storeTimestamp, byte[] storeHostAddress, int storeHostPort,
                            int reconsumeTimes, long preparedTransactionOffset, byte[] body, String topic,
                            String properties) {

    /** The properties as a map (parsed on each call). */
    public Map<String, String> propertyMap() {
        return MessageProperties.parse(properties);
    }

    /** One property, or null. */
    public String property(String name) {
        return MessageProperties.find(properties, name);
    }

    /**
     * A draft to store this message again elsewhere (redelivery from schedule, timer, half and
     * retry topics): everything kept but the destination and properties.
     */
    public MessageDraft redraft(String topic, int queueId, String properties) {
        return new MessageDraft(topic, queueId, flag, sysFlag, bornTimestamp, bornHostAddress, bornHostPort,
                storeHostAddress, storeHostPort, reconsumeTimes, preparedTransactionOffset, body, properties);
    }

    /**
     * A draft to store this parked message in the topic and queue it was sent to: the ones recorded
     * in its REAL_TOPIC and REAL_QUEUE_ID properties when the broker parked it (delay levels, timer,
     * half messages). Those two and {@code droppedProperties} are left out of the copy.
     *
     * @return null when the message does not say where it belongs (no real topic, or a real queue id
     *         that is not a number): such a record cannot be delivered and callers decide what to do
     */
    public MessageDraft toRealTopic(String... droppedProperties) {
        Map<String, String> map = propertyMap();
        String topic = map.remove(MessageProperties.REAL_TOPIC);
        String queueId = map.remove(MessageProperties.REAL_QUEUE_ID);
        if (topic == null || topic.isEmpty() || queueId == null) {
            return null;
        }
        int queue;
        try {
            queue = Integer.parseInt(queueId.trim());
        } catch (NumberFormatException e) {
            return null;
        }
        for (String dropped : droppedProperties) {
            map.remove(dropped);
        }
        return redraft(topic, queue, MessageProperties.format(map));
    }

    /** The offset message id: store host and physical offset, as brokers hand it out. */
    public String offsetMessageId() {
        return MessageIds.offsetMessageId(storeHostAddress, storeHostPort, physicalOffset);
    }

    public InetSocketAddress bornHost() {
        return socketAddress(bornHostAddress, bornHostPort);
    }

    public InetSocketAddress storeHost() {
        return socketAddress(storeHostAddress, storeHostPort);
    }

    private static InetSocketAddress socketAddress(byte[] address, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(address), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("address of " + address.length + " bytes", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredMessage m && m.physicalOffset == physicalOffset && m.totalSize == totalSize
                && m.queueOffset == queueOffset && m.queueId == queueId && m.topic.equals(topic)
                && java.util.Arrays.equals(m.body, body) && java.util.Objects.equals(m.properties, properties);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(physicalOffset) * 31 + topic.hashCode();
    }

    @Override
    public String toString() {
        return "StoredMessage[topic=" + topic + ", queueId=" + queueId + ", queueOffset=" + queueOffset
                + ", physicalOffset=" + physicalOffset + ", size=" + totalSize + ", body=" + body.length + " bytes]";
    }
}
