package dev.apogee.client.message;

import dev.apogee.remoting.protocol.message.MalformedRecordException;
import dev.apogee.remoting.protocol.message.MessageProperties;
import dev.apogee.remoting.protocol.message.MessageRecordCodec;
import dev.apogee.remoting.protocol.message.StoredMessage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns stored-message records (the bodies of pull, pop and query answers, and of broker requests
 * that carry a message) into {@link MessageView}s: the one place the client decodes records and
 * inflates compressed bodies.
 */
public final class MessageViews {

    private MessageViews() {
    }

    /**
     * Every record in {@code records}, in order.
     *
     * @param verifyCrc whether to check each body's CRC
     * @throws MalformedRecordException if a record is inconsistent
     */
    public static List<MessageView> decodeAll(byte[] records, boolean verifyCrc) {
        ByteBuffer buffer = ByteBuffer.wrap(records);
        List<MessageView> views = new ArrayList<>();
        while (buffer.hasRemaining()) {
            views.add(of(MessageRecordCodec.decode(buffer, verifyCrc)));
        }
        return views;
    }

    /**
     * The one record in {@code record}.
     *
     * @throws MalformedRecordException if it is not exactly one consistent record
     */
    public static MessageView decodeOne(byte[] record) {
        ByteBuffer buffer = ByteBuffer.wrap(record);
        MessageView view = of(MessageRecordCodec.decode(buffer, false));
        if (buffer.hasRemaining()) {
            throw new MalformedRecordException(buffer.remaining() + " bytes follow the record");
        }
        return view;
    }

    /** The view of a decoded record. */
    public static MessageView of(StoredMessage stored) {
        Map<String, String> properties = stored.propertyMap();
        String offsetId = stored.offsetMessageId();
        String uniqueId = properties.get(MessageProperties.UNIQ_KEY);
        return new MessageView(stored.topic(), BodyCompression.decode(stored.body(), stored.sysFlag()), properties,
                uniqueId != null ? uniqueId : offsetId, offsetId, stored.queueId(), stored.queueOffset(),
                stored.physicalOffset(), stored.sysFlag(), stored.bornTimestamp(), stored.bornHost(),
                stored.storeTimestamp(), stored.storeHost(), stored.reconsumeTimes(), stored.bodyCrc());
    }
}
