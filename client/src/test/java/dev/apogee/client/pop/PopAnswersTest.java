package dev.apogee.client.pop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.remoting.protocol.header.broker.PopMessageResponseHeader;
import dev.apogee.remoting.protocol.message.MessageDraft;
import dev.apogee.remoting.protocol.message.MessageProperties;
import dev.apogee.remoting.protocol.message.MessageRecordCodec;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How pop answers become receipts, in particular Apache's redeliveries re-encoded under the topic asked for. */
class PopAnswersTest {

    private static byte[] record(String topic, int queueId, long queueOffset, String properties) {
        byte[] record = MessageRecordCodec.encode(new MessageDraft(topic, queueId, 0, 0, 1L, new byte[4], 1,
                new byte[4], 2, 1, 0, "body".getBytes(StandardCharsets.UTF_8), properties));
        MessageRecordCodec.patch(ByteBuffer.wrap(record), 0, queueOffset, 100 + queueOffset, 2L);
        return record;
    }

    private static String properties(String... nameValues) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < nameValues.length; i += 2) {
            text.append(nameValues[i]).append(MessageProperties.NAME_VALUE_SEPARATOR).append(nameValues[i + 1])
                    .append(MessageProperties.PROPERTY_SEPARATOR);
        }
        return text.toString();
    }

    @Test
    void aMessagesOwnPopCheckpointIsItsReceipt() {
        // As Apache 5.x answers a pop that took one message from the topic (queue 1, offset 10) and one
        // from the group's retry topic (queue 0, offset 0), the latter re-encoded under the topic.
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(record("Orders", 1, 10, properties(MessageProperties.UNIQ_KEY, "A")));
        body.writeBytes(record("Orders", 0, 0, properties(MessageProperties.UNIQ_KEY, "B",
                MessageProperties.POP_CK, "0 1000 30000 2 1 broker-a 0 0")));
        PopMessageResponseHeader header = new PopMessageResponseHeader(1000, 30000, 2, 0, "1 0 0;0 1 9", null, null);

        List<ReceivedMessage> received = PopAnswers.decode(body.toByteArray(), header, "broker-a", "Orders");

        assertEquals(2, received.size());
        ReceivedMessage fresh = received.get(0);
        assertFalse(fresh.fromRetryTopic());
        assertEquals(new PopReceipt(9, 1000, 30000, 2, "0", "broker-a", 1, 10), fresh.receipt());
        ReceivedMessage redelivery = received.get(1);
        assertTrue(redelivery.fromRetryTopic(), "the checkpoint names the retry topic, whatever the record's topic");
        assertEquals("Orders", redelivery.topic());
        assertEquals(PopReceipt.parse("0 1000 30000 2 1 broker-a 0 0"), redelivery.receipt());
        assertEquals("%RETRY%billing_Orders", redelivery.receipt().storedTopic("billing", "Orders"));
    }
}
