package dev.apogee.jms.message;

import dev.apogee.client.message.Message;
import dev.apogee.client.message.MessageView;
import dev.apogee.remoting.protocol.message.MessageProperties;
import java.net.InetSocketAddress;
import java.util.Map;

/** Turns a client message into the view a consumer receives, as the broker would store and hand it out. */
public final class Deliveries {

    public static final long BORN = 1_700_000_000_000L;
    static final String UNIQUE_ID = "7F0000010001ABCDEF0123456789ABCD";

    private Deliveries() {
    }

    public static MessageView deliver(Message message, int reconsumeTimes) {
        Map<String, String> wire = message.wireProperties();
        wire.put(MessageProperties.UNIQ_KEY, UNIQUE_ID);
        // What reaches a consumer is what went over the wire: the properties string, parsed again.
        Map<String, String> received = MessageProperties.parse(MessageProperties.format(wire));
        InetSocketAddress host = new InetSocketAddress("127.0.0.1", 10911);
        return new MessageView(message.topic(), message.body(), received, UNIQUE_ID, "offset-id", 0, 5, 500, 0,
                BORN, host, BORN + 3, host, reconsumeTimes, 0);
    }

    /** A message a native RocketMQ producer sent: no provider properties. */
    static MessageView nativeMessage(String topic, byte[] body, Map<String, String> properties) {
        InetSocketAddress host = new InetSocketAddress("127.0.0.1", 10911);
        return new MessageView(topic, body, properties, UNIQUE_ID, "offset-id", 0, 5, 500, 0, BORN, host, BORN + 3,
                host, 0, 0);
    }
}
