package dev.apogee.jms.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * JMS and the official Apache RocketMQ 5.5.0 client on one broker: what a native producer sends, a JMS
 * consumer reads (bytes, or text when asked; tags as JMSType, keys and properties visible), and what JMS
 * sends, a native push consumer reads (tags, keys, properties).
 */
@Timeout(90)
class InteropIT {

    private JMSContext context;
    private DefaultMQProducer nativeProducer;
    private DefaultMQPushConsumer nativeConsumer;

    @BeforeEach
    void connect() throws Exception {
        context = JmsCluster.factory().createContext();
    }

    @AfterEach
    void close() {
        if (nativeProducer != null) {
            nativeProducer.shutdown();
        }
        if (nativeConsumer != null) {
            nativeConsumer.shutdown();
        }
        context.close();
    }

    private DefaultMQProducer nativeProducer() throws Exception {
        nativeProducer = new DefaultMQProducer("interop-native-producer");
        nativeProducer.setNamesrvAddr(JmsCluster.cluster().namesrvAddress());
        nativeProducer.setInstanceName("interop-" + System.nanoTime());
        nativeProducer.start();
        return nativeProducer;
    }

    @Test
    void aNativeProducersMessageIsReadByJms() throws Exception {
        Queue queue = context.createQueue(JmsCluster.unique("native-in"));
        DefaultMQProducer producer = nativeProducer();
        org.apache.rocketmq.common.message.Message bytes = new org.apache.rocketmq.common.message.Message(
                queue.getQueueName(), "order", new byte[] {0, 1, 2, (byte) 0xff});
        bytes.setKeys(List.of("k1", "k2"));
        bytes.putUserProperty("region", "eu");
        bytes.putUserProperty("amount", "42");
        assertEquals(SendStatus.SEND_OK, producer.send(bytes, 10_000).getSendStatus());
        org.apache.rocketmq.common.message.Message text = new org.apache.rocketmq.common.message.Message(
                queue.getQueueName(), "note", "héllo".getBytes(StandardCharsets.UTF_8));
        text.putUserProperty("JMS_Apogee_BodyType", "text");
        producer.send(text, 10_000);

        // Not "amount > 40": a native property is a String, and JMS compares a String with a number as UNKNOWN.
        var consumer = context.createConsumer(queue, "region = 'eu' OR JMSType = 'note'");
        // The native producer spreads its sends over the topic's queues: no order between the two.
        Message one = consumer.receive(10_000);
        Message two = consumer.receive(10_000);
        assertNotNull(two);
        boolean bytesFirst = one instanceof BytesMessage;
        BytesMessage first = assertInstanceOf(BytesMessage.class, bytesFirst ? one : two);
        byte[] body = new byte[(int) first.getBodyLength()];
        first.readBytes(body);
        assertArrayEquals(new byte[] {0, 1, 2, (byte) 0xff}, body);
        assertEquals("order", first.getJMSType());
        assertEquals("eu", first.getStringProperty("region"));
        assertEquals(42, first.getIntProperty("amount"), "a String property converts");
        assertEquals(List.of("k1", "k2"), Arrays.asList(first.getStringProperty("JMS_Apogee_Keys").split(" ")));
        assertEquals(queue, first.getJMSDestination());
        assertNotNull(first.getJMSMessageID());

        TextMessage second = assertInstanceOf(TextMessage.class, bytesFirst ? two : one);
        assertEquals("héllo", second.getText());
        assertEquals("note", second.getJMSType());
    }

    @Test
    void aJmsMessageIsReadByTheNativePushConsumer() throws Exception {
        String topic = JmsCluster.unique("jms-out");
        CompletableFuture<MessageExt> got = new CompletableFuture<>();
        nativeConsumer = new DefaultMQPushConsumer("interop-native-" + System.nanoTime());
        nativeConsumer.setNamesrvAddr(JmsCluster.cluster().namesrvAddress());
        nativeConsumer.setInstanceName("interop-" + System.nanoTime());
        nativeConsumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        nativeConsumer.subscribe(topic, "invoice");
        nativeConsumer.registerMessageListener((MessageListenerConcurrently) (messages, ignored) -> {
            messages.forEach(got::complete);
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });

        Queue queue = context.createQueue(topic);
        // Sent before the consumer starts: it reads from the first offset, and the tag filter skips "other".
        context.createProducer().setJMSType("other").send(queue, "not for the native consumer");
        context.createProducer().setJMSType("invoice").setJMSCorrelationID("corr-9")
                .setProperty("amount", 42).setProperty("region", "eu").setProperty("JMS_Apogee_Keys", "inv-1")
                .send(queue, "hello native");
        nativeConsumer.start();

        MessageExt message = got.get(60, TimeUnit.SECONDS);
        assertEquals("hello native", new String(message.getBody(), StandardCharsets.UTF_8));
        assertEquals("invoice", message.getTags());
        assertTrue(message.getKeys().contains("corr-9"), message.getKeys());
        assertTrue(message.getKeys().contains("inv-1"), message.getKeys());
        assertEquals("42", message.getUserProperty("amount"));
        assertEquals("eu", message.getUserProperty("region"));
        assertEquals("text", message.getUserProperty("JMS_Apogee_BodyType"));
        assertEquals(topic, message.getTopic());
        assertTrue(message.isWaitStoreMsgOK(), "a PERSISTENT send waits for the store (WAIT=true)");
    }

    @Test
    void aNonPersistentSendTellsTheBrokerNotToWaitForTheDisk() throws Exception {
        String topic = JmsCluster.unique("jms-non-persistent");
        CompletableFuture<MessageExt> got = new CompletableFuture<>();
        nativeConsumer = new DefaultMQPushConsumer("interop-native-np-" + System.nanoTime());
        nativeConsumer.setNamesrvAddr(JmsCluster.cluster().namesrvAddress());
        nativeConsumer.setInstanceName("interop-np-" + System.nanoTime());
        nativeConsumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        nativeConsumer.subscribe(topic, "*");
        nativeConsumer.registerMessageListener((MessageListenerConcurrently) (messages, ignored) -> {
            messages.forEach(got::complete);
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        context.createProducer().setDeliveryMode(jakarta.jms.DeliveryMode.NON_PERSISTENT)
                .send(context.createQueue(topic), "may be lost in a crash");
        nativeConsumer.start();

        MessageExt message = got.get(60, TimeUnit.SECONDS);
        assertEquals("may be lost in a crash", new String(message.getBody(), StandardCharsets.UTF_8));
        assertTrue(!message.isWaitStoreMsgOK(), "WAIT=false, as the official client sends for no flush wait");
    }
}
