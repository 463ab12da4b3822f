package dev.apogee.interop.broker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.broker.BrokerServer;
import dev.apogee.interop.fixture.EmbeddedCluster;
import dev.apogee.remoting.protocol.message.MessageIds;
import dev.apogee.remoting.protocol.message.MessageProperties;
import dev.apogee.remoting.protocol.message.StoredMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official 5.5.0 producer sends to Apogee's broker through Apogee's name server: the topic is
 * created on first send, every send is acknowledged with ids and offsets that match what was stored.
 */
@Timeout(120)
class BrokerSendInteropIT {

    @TempDir
    Path dataDir;

    private EmbeddedCluster cluster;
    private BrokerServer broker;
    private DefaultMQProducer producer;

    @BeforeEach
    void start() throws Exception {
        cluster = EmbeddedCluster.start(dataDir);
        broker = cluster.broker();
        producer = cluster.producer("interop-send");
    }

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void syncSendsCreateTheTopicAndAreStoredAsAcknowledged() throws Exception {
        List<SendResult> results = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Message message = new Message("OrderEvents", "created", "order-" + i,
                    ("payload " + i).getBytes(StandardCharsets.UTF_8));
            results.add(producer.send(message, 10_000));
        }
        for (int i = 0; i < results.size(); i++) {
            SendResult result = results.get(i);
            assertEquals(SendStatus.SEND_OK, result.getSendStatus());
            long physicalOffset = MessageIds.decode(result.getOffsetMsgId()).physicalOffset();
            StoredMessage stored = broker.store().messageAt(physicalOffset);
            assertEquals("OrderEvents", stored.topic());
            assertEquals(result.getMessageQueue().getQueueId(), stored.queueId());
            assertEquals(result.getQueueOffset(), stored.queueOffset());
            assertArrayEquals(("payload " + i).getBytes(StandardCharsets.UTF_8), stored.body());
            assertEquals("order-" + i, stored.property(MessageProperties.KEYS));
            assertEquals("created", stored.property(MessageProperties.TAGS));
            assertEquals(result.getMsgId(), stored.property(MessageProperties.UNIQ_KEY));
        }
        assertTrue(broker.topics().get("OrderEvents") != null, "the topic was created on first send");
        long queuesUsed = results.stream().map(r -> r.getMessageQueue().getQueueId()).distinct().count();
        assertTrue(queuesUsed > 1, "the producer spread sends over the topic's queues");
    }

    @Test
    void asyncAndOnewaySendsAreStored() throws Exception {
        producer.send(new Message("PaymentEvents", "warm-up".getBytes(StandardCharsets.UTF_8)), 10_000);
        List<CompletableFuture<SendResult>> pending = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            CompletableFuture<SendResult> future = new CompletableFuture<>();
            producer.send(new Message("PaymentEvents", ("async " + i).getBytes(StandardCharsets.UTF_8)),
                    new SendCallback() {
                        @Override
                        public void onSuccess(SendResult sendResult) {
                            future.complete(sendResult);
                        }

                        @Override
                        public void onException(Throwable e) {
                            future.completeExceptionally(e);
                        }
                    }, 10_000);
            pending.add(future);
        }
        for (CompletableFuture<SendResult> future : pending) {
            assertEquals(SendStatus.SEND_OK, future.get(30, TimeUnit.SECONDS).getSendStatus());
        }
        for (int i = 0; i < 10; i++) {
            producer.sendOneway(new Message("PaymentEvents", ("oneway " + i).getBytes(StandardCharsets.UTF_8)));
        }
        long deadline = System.currentTimeMillis() + 10_000;
        long total;
        do {
            total = 0;
            for (int queue = 0; queue < 4; queue++) {
                total += broker.store().maxOffset("PaymentEvents", queue);
            }
            Thread.sleep(20);
        } while (total < 61 && System.currentTimeMillis() < deadline);
        assertEquals(61, total, "warm-up, 50 async and 10 oneway messages stored");
    }
}
