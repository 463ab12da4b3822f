package dev.apogee.jms.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.client.message.Message;
import dev.apogee.client.message.MessageView;
import dev.apogee.client.pop.PopReceipt;
import dev.apogee.client.pop.ReceivedMessage;
import dev.apogee.jms.ApogeeDestination;
import dev.apogee.jms.ApogeeQueue;
import dev.apogee.jms.ApogeeTemporaryQueue;
import dev.apogee.jms.ApogeeTemporaryTopic;
import dev.apogee.jms.ApogeeTopic;
import dev.apogee.jms.ObjectMessageTrust;
import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.MapMessage;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The README's mapping table, both directions. */
class MessageMapperTest {

    private final MessageMapper mapper = new MessageMapper(ObjectMessageTrust.fromSystemProperties());
    private final ApogeeQueue orders = new ApogeeQueue("orders");

    private ApogeeMessage roundTrip(ApogeeMessage message) throws Exception {
        if (message.getJMSDestination() == null) {
            message.setJMSDestination(orders);
        }
        return mapper.fromView(Deliveries.deliver(mapper.toClientMessage(message), 0), null);
    }

    @Test
    void headersRoundTrip() throws Exception {
        ApogeeTextMessage message = new ApogeeTextMessage("hello");
        message.setJMSDestination(new ApogeeTopic("prices"));
        message.setJMSReplyTo(new ApogeeTemporaryQueue("reply-1", null));
        message.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);
        message.setJMSPriority(7);
        message.setJMSTimestamp(Deliveries.BORN);
        message.setJMSExpiration(Deliveries.BORN + 60_000);
        message.setJMSDeliveryTime(Deliveries.BORN);
        message.setJMSType("quote");
        message.setJMSCorrelationID("req-42");

        ApogeeMessage received = roundTrip(message);
        assertInstanceOf(TextMessage.class, received);
        assertEquals("hello", ((TextMessage) received).getText());
        assertEquals(new ApogeeTopic("prices"), received.getJMSDestination());
        assertEquals(new ApogeeTemporaryQueue("reply-1", null), received.getJMSReplyTo());
        assertInstanceOf(jakarta.jms.TemporaryQueue.class, received.getJMSReplyTo());
        assertEquals(DeliveryMode.NON_PERSISTENT, received.getJMSDeliveryMode());
        assertEquals(7, received.getJMSPriority());
        assertEquals(Deliveries.BORN, received.getJMSTimestamp());
        assertEquals(Deliveries.BORN + 60_000, received.getJMSExpiration());
        assertEquals(Deliveries.BORN, received.getJMSDeliveryTime());
        assertEquals("quote", received.getJMSType());
        assertEquals("req-42", received.getJMSCorrelationID());
        assertEquals("ID:" + Deliveries.UNIQUE_ID, received.getJMSMessageID());
        assertFalse(received.getJMSRedelivered());
        assertEquals(1, received.getIntProperty("JMSXDeliveryCount"));
        assertFalse(received.propertyExists(ProviderProperties.KEYS)); // only the correlation id was a key
    }

    @Test
    void headersGoWhereTheIssueSays() throws Exception {
        ApogeeMessage message = new ApogeeMessage();
        message.setJMSDestination(orders);
        message.setJMSType("created");
        message.setJMSCorrelationID("order-42");
        message.setStringProperty(ProviderProperties.KEYS, "customer-7 region-eu");
        Message sent = mapper.toClientMessage(message);
        assertEquals("orders", sent.topic());
        assertEquals("created", sent.tags());
        assertEquals(List.of("order-42", "customer-7", "region-eu"), sent.keys());
        assertEquals("queue", sent.userProperties().get(ProviderProperties.DESTINATION_KIND));
        assertEquals("message", sent.userProperties().get(ProviderProperties.BODY_TYPE));

        ApogeeMessage received = mapper.fromView(Deliveries.deliver(sent, 0), null);
        assertEquals("order-42", received.getJMSCorrelationID());
        assertEquals("customer-7 region-eu", received.getStringProperty(ProviderProperties.KEYS));
        assertEquals(orders, received.getJMSDestination());
    }

    @Test
    void defaultsAreNotWritten() throws Exception {
        ApogeeMessage message = new ApogeeMessage();
        message.setJMSDestination(orders);
        message.setJMSTimestamp(Deliveries.BORN);
        message.setJMSDeliveryTime(Deliveries.BORN);
        Map<String, String> properties = mapper.toClientMessage(message).userProperties();
        assertEquals(Map.of(ProviderProperties.BODY_TYPE, "message", ProviderProperties.NO_BODY, "null",
                ProviderProperties.DESTINATION_KIND, "queue"), properties);
    }

    @Test
    void everyDestinationKindRoundTrips() throws Exception {
        for (ApogeeDestination destination : List.of(new ApogeeQueue("q"), new ApogeeTopic("t"),
                new ApogeeTemporaryQueue("tq", null), new ApogeeTemporaryTopic("tt", null))) {
            ApogeeMessage message = new ApogeeMessage();
            message.setJMSDestination(destination);
            message.setJMSReplyTo(destination);
            ApogeeMessage received = roundTrip(message);
            assertEquals(destination, received.getJMSDestination());
            assertEquals(destination, received.getJMSReplyTo());
        }
    }

    @Test
    void typedPropertiesRoundTripAndStayReadable() throws Exception {
        ApogeeMessage message = new ApogeeMessage();
        message.setJMSDestination(orders);
        message.setBooleanProperty("vip", true);
        message.setByteProperty("b", (byte) -1);
        message.setShortProperty("s", (short) 2);
        message.setIntProperty("i", 3);
        message.setLongProperty("amount", 1234567890123L);
        message.setFloatProperty("f", Float.NaN);
        message.setDoubleProperty("d", -0.5);
        message.setStringProperty("region", "eu");
        message.setStringProperty("number", "42");
        message.setStringProperty("empty", "");
        message.setStringProperty("blank", "  ");
        message.setStringProperty("percent", "100%");
        message.setStringProperty("control", "a\u0001b\u0002c");
        message.setObjectProperty("none", null);
        message.setStringProperty("JMSXGroupID", "g1");
        message.setIntProperty("JMSXGroupSeq", 2);

        Message sent = mapper.toClientMessage(message);
        Map<String, String> wire = sent.userProperties();
        assertEquals("1234567890123", wire.get("amount")); // a native consumer or SQL92 filter sees the number
        assertEquals("true", wire.get("vip"));
        assertEquals("42", wire.get("number"));
        assertEquals("100%", wire.get("percent"));       // safe strings are written as they are
        assertEquals("vip:Z,b:B,s:S,i:I,amount:J,f:F,d:D,empty:X,blank:X,control:X,none:N,JMSXGroupSeq:I",
                wire.get(ProviderProperties.TYPES));

        ApogeeMessage received = mapper.fromView(Deliveries.deliver(sent, 0), null);
        Map<String, Object> expected = new LinkedHashMap<>(message.propertyMap());
        expected.put("JMSXDeliveryCount", 1);
        Map<String, Object> actual = received.propertyMap();
        assertEquals(expected.keySet(), actual.keySet());
        for (String name : expected.keySet()) {
            assertEquals(expected.get(name), actual.get(name), name);
        }
        assertTrue(received.propertyExists("none"));
        assertEquals(Byte.class, received.getObjectProperty("b").getClass());
    }

    @Test
    void namesRocketMqReservesAreEscapedReversibly() throws Exception {
        ApogeeMessage message = new ApogeeMessage();
        message.setJMSDestination(orders);
        for (String name : List.of("TAGS", "KEYS", "UNIQ_KEY", "DELAY", "WAIT", "__transactionId__", "a\u0001b")) {
            message.setStringProperty(name, "v-" + name.length());
        }
        Message sent = mapper.toClientMessage(message);
        assertNull(sent.tags());
        assertTrue(sent.keys().isEmpty());
        assertEquals("v-5", sent.userProperties().get(ProviderProperties.ESCAPED + "DELAY"));
        assertEquals("v-3", sent.userProperties().get(ProviderProperties.ESCAPED + "a%0001b"));

        ApogeeMessage received = mapper.fromView(Deliveries.deliver(sent, 0), null);
        for (String name : List.of("TAGS", "KEYS", "UNIQ_KEY", "DELAY", "WAIT", "__transactionId__", "a\u0001b")) {
            assertEquals("v-" + name.length(), received.getStringProperty(name), name);
        }
    }

    @Test
    void allBodyTypesRoundTrip() throws Exception {
        ApogeeBytesMessage bytes = new ApogeeBytesMessage();
        bytes.writeInt(42);
        bytes.writeUTF("x");
        BytesMessage bytesIn = (BytesMessage) roundTrip(bytes);
        assertEquals(42, bytesIn.readInt());
        assertEquals("x", bytesIn.readUTF());

        ApogeeMapMessage map = new ApogeeMapMessage();
        map.setChar("c", 'é');
        map.setBytes("raw", new byte[] {1, 2});
        map.setLong("l", Long.MIN_VALUE);
        map.setString("s", "text ✓");
        map.setObject("n", null);
        map.setDouble("d", 1e300);
        MapMessage mapIn = (MapMessage) roundTrip(map);
        assertEquals('é', mapIn.getChar("c"));
        assertArrayEquals(new byte[] {1, 2}, mapIn.getBytes("raw"));
        assertEquals(Long.MIN_VALUE, mapIn.getLong("l"));
        assertEquals("text ✓", mapIn.getString("s"));
        assertTrue(mapIn.itemExists("n"));
        assertEquals(1e300, mapIn.getDouble("d"));
        assertEquals(List.of("c", "raw", "l", "s", "n", "d"), Collections.list(mapIn.getMapNames()));

        ApogeeStreamMessage stream = new ApogeeStreamMessage();
        stream.writeBoolean(false);
        stream.writeShort((short) -7);
        stream.writeFloat(2.5f);
        stream.writeBytes(new byte[] {3});
        stream.writeObject(null);
        stream.writeString("end");
        StreamMessage streamIn = (StreamMessage) roundTrip(stream);
        assertFalse(streamIn.readBoolean());
        assertEquals(-7, streamIn.readShort());
        assertEquals(2.5f, streamIn.readFloat());
        assertArrayEquals(new byte[] {3}, (byte[]) streamIn.readObject());
        assertNull(streamIn.readObject());
        assertEquals("end", streamIn.readString());

        ApogeeObjectMessage object = new ApogeeObjectMessage();
        object.setObject(new java.util.ArrayList<>(List.of(1, "two")));
        assertEquals(List.of(1, "two"), ((ObjectMessage) roundTrip(object)).getObject());
    }

    @Test
    void absentAndEmptyBodiesRoundTrip() throws Exception {
        assertNull(((TextMessage) roundTrip(new ApogeeTextMessage())).getText());
        assertEquals("", ((TextMessage) roundTrip(new ApogeeTextMessage(""))).getText());
        assertEquals(0, ((BytesMessage) roundTrip(new ApogeeBytesMessage())).getBodyLength());
        assertNull(((ObjectMessage) roundTrip(new ApogeeObjectMessage())).getObject());
        assertFalse(((MapMessage) roundTrip(new ApogeeMapMessage())).getMapNames().hasMoreElements());
        assertEquals(BodyType.MESSAGE, roundTrip(new ApogeeMessage()).bodyType());
        StreamMessage stream = (StreamMessage) roundTrip(new ApogeeStreamMessage());
        assertThrows(jakarta.jms.MessageEOFException.class, stream::readObject);
    }

    @Test
    void textIsUtf8AndBytesAreRaw() throws Exception {
        ApogeeTextMessage text = new ApogeeTextMessage("grüße");
        text.setJMSDestination(orders);
        assertArrayEquals("grüße".getBytes(StandardCharsets.UTF_8), mapper.toClientMessage(text).body());
        ApogeeBytesMessage bytes = new ApogeeBytesMessage();
        bytes.writeBytes(new byte[] {0, -1, 2});
        bytes.setJMSDestination(orders);
        assertArrayEquals(new byte[] {0, -1, 2}, mapper.toClientMessage(bytes).body());
    }

    @Test
    void receivedMessagesAreReadOnly() throws Exception {
        ApogeeTextMessage message = new ApogeeTextMessage("x");
        message.setStringProperty("a", "b");
        ApogeeMessage received = roundTrip(message);
        assertThrows(MessageNotWriteableException.class, () -> ((TextMessage) received).setText("y"));
        assertThrows(MessageNotWriteableException.class, () -> received.setStringProperty("a", "c"));
    }

    @Test
    void redeliveryCountComesFromReconsumeTimes() throws Exception {
        ApogeeMessage message = new ApogeeMessage();
        message.setJMSDestination(orders);
        MessageView view = Deliveries.deliver(mapper.toClientMessage(message), 2);
        ApogeeMessage received = mapper.fromView(view, null);
        assertEquals(3, received.getIntProperty("JMSXDeliveryCount"));
        assertTrue(received.getJMSRedelivered());
    }

    @Test
    void deliveryDelayBecomesATimerMessage() throws Exception {
        ApogeeMessage message = new ApogeeMessage();
        message.setJMSDestination(orders);
        message.setJMSTimestamp(Deliveries.BORN);
        message.setJMSDeliveryTime(Deliveries.BORN + 5_000);
        Message sent = mapper.toClientMessage(message);
        assertEquals(Instant.ofEpochMilli(Deliveries.BORN + 5_000), sent.deliveryTime());
        assertEquals(Deliveries.BORN + 5_000, mapper.fromView(Deliveries.deliver(sent, 0), null).getJMSDeliveryTime());

        message.setJMSTimestamp(0); // timestamps disabled: the runtime passes the delay
        assertNull(mapper.toClientMessage(message).deliveryTime());
        assertEquals(Instant.ofEpochMilli(Deliveries.BORN + 5_000),
                mapper.toClientMessage(message, Duration.ofSeconds(5)).deliveryTime());
        assertEquals(0, mapper.fromView(Deliveries.deliver(mapper.toClientMessage(message), 0), null)
                .getJMSTimestamp());
    }

    @Test
    void typesThatCannotBeTagsAndOddCorrelationIdsRoundTrip() throws Exception {
        ApogeeMessage message = new ApogeeMessage();
        message.setJMSDestination(orders);
        message.setJMSType(" ");
        message.setJMSCorrelationID("has space %");
        Message sent = mapper.toClientMessage(message);
        assertNull(sent.tags());
        assertTrue(sent.keys().isEmpty()); // a key cannot hold a space
        ApogeeMessage received = mapper.fromView(Deliveries.deliver(sent, 0), null);
        assertEquals(" ", received.getJMSType());
        assertEquals("has space %", received.getJMSCorrelationID());
    }

    @Test
    void nativeMessagesArriveAsBytesOrMarkedText() throws Exception {
        MessageView plain = Deliveries.nativeMessage("OrderEvents", "raw".getBytes(StandardCharsets.UTF_8),
                Map.of("TAGS", "created", "KEYS", "order-1 order-2", "region", "eu", "UNIQ_KEY", "x"));
        ApogeeMessage bytes = mapper.fromView(plain, new ApogeeQueue("OrderEvents"));
        BytesMessage bytesMessage = assertInstanceOf(BytesMessage.class, bytes);
        byte[] body = new byte[3];
        assertEquals(3, bytesMessage.readBytes(body));
        assertArrayEquals("raw".getBytes(StandardCharsets.UTF_8), body);
        assertEquals("created", bytes.getJMSType());
        assertEquals("order-1 order-2", bytes.getStringProperty(ProviderProperties.KEYS));
        assertEquals("eu", bytes.getStringProperty("region"));
        assertEquals(new ApogeeQueue("OrderEvents"), bytes.getJMSDestination());
        assertEquals(Deliveries.BORN, bytes.getJMSTimestamp());
        assertNull(bytes.getJMSCorrelationID());
        assertEquals(Set.of("region", ProviderProperties.KEYS, "JMSXDeliveryCount"),
                Set.copyOf(Collections.list(bytes.getPropertyNames())));

        MessageView marked = Deliveries.nativeMessage("OrderEvents", "hi".getBytes(StandardCharsets.UTF_8),
                Map.of(ProviderProperties.BODY_TYPE, "text"));
        ApogeeMessage text = mapper.fromView(marked, null);
        assertEquals("hi", assertInstanceOf(TextMessage.class, text).getText());
        assertEquals(new ApogeeTopic("OrderEvents"), text.getJMSDestination()); // no kind, no hint: a topic
    }

    @Test
    void aMessageWithoutDestinationOrWithABadTopicIsRefused() throws Exception {
        assertThrows(InvalidDestinationException.class, () -> mapper.toClientMessage(new ApogeeMessage()));
        ApogeeMessage message = new ApogeeMessage();
        message.setJMSDestination(new ApogeeQueue("not a topic name"));
        assertThrows(InvalidDestinationException.class, () -> mapper.toClientMessage(message));
    }

    @Test
    void aPoppedMessageCountsItsRedeliveries() throws Exception {
        ApogeeTextMessage message = new ApogeeTextMessage("again");
        message.setJMSDestination(orders);
        MessageView view = Deliveries.deliver(mapper.toClientMessage(message), 1);
        PopReceipt receipt = new PopReceipt(0, Deliveries.BORN, 30_000, 0, PopReceipt.NORMAL, "broker-a", 0, 5);
        ApogeeMessage received = mapper.fromReceived(new ReceivedMessage(view, receipt), null);
        assertEquals(2, received.getIntProperty("JMSXDeliveryCount"));
        assertTrue(received.getJMSRedelivered());
        assertEquals("again", ((TextMessage) received).getText());
    }
}
