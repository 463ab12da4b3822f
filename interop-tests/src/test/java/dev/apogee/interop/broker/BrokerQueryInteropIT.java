package dev.apogee.interop.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.broker.BrokerServer;
import dev.apogee.interop.fixture.EmbeddedCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.rocketmq.client.QueryResult;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Batch sends, and finding messages again by key, by id and by time, with the official 5.5.0 client and tools. */
@Timeout(120)
class BrokerQueryInteropIT {

    @TempDir
    Path dataDir;

    private EmbeddedCluster cluster;
    private BrokerServer broker;
    private DefaultMQProducer producer;
    private DefaultMQAdminExt admin;

    @BeforeEach
    void start() throws Exception {
        cluster = EmbeddedCluster.start(dataDir);
        broker = cluster.broker();
        producer = cluster.producer("interop-query-producer");
        admin = new DefaultMQAdminExt("interop-query-admin");
        admin.setNamesrvAddr(cluster.namesrvAddress());
        admin.setInstanceName("interop-query-admin-" + System.nanoTime());
        admin.start();
    }

    @AfterEach
    void stop() {
        if (admin != null) {
            admin.shutdown();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void batchSendStoresEveryMessageInOneQueue() throws Exception {
        producer.send(new Message("Batched", "warm-up".getBytes(StandardCharsets.UTF_8)), 10_000);
        List<Message> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch.add(new Message("Batched", "t", "batch-key-" + i, ("b" + i).getBytes(StandardCharsets.UTF_8)));
        }
        SendResult result = producer.send(batch, 10_000);
        assertEquals(SendStatus.SEND_OK, result.getSendStatus());
        assertEquals(10, result.getOffsetMsgId().split(",").length);
        assertEquals(10, result.getMsgId().split(",").length);
        MessageQueue queue = result.getMessageQueue();
        long first = result.getQueueOffset();
        String[] offsetIds = result.getOffsetMsgId().split(",");
        for (int i = 0; i < 10; i++) {
            MessageExt viewed = admin.viewMessage("Batched", offsetIds[i]);
            assertEquals("b" + i, new String(viewed.getBody(), StandardCharsets.UTF_8));
            assertEquals(first + i, viewed.getQueueOffset());
            assertEquals(queue.getQueueId(), viewed.getQueueId());
        }
    }

    @Test
    void messagesAreFoundByKeyByIdAndByTime() throws Exception {
        long before = System.currentTimeMillis() - 1_000;
        List<SendResult> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sent.add(producer.send(new Message("Searchable", "t", "order-" + (i % 5),
                    ("s" + i).getBytes(StandardCharsets.UTF_8)), 10_000));
        }
        long after = System.currentTimeMillis() + 1_000;
        Thread.sleep(200);

        QueryResult byKey = admin.queryMessage("Searchable", "order-3", 32, before, after);
        assertEquals(4, byKey.getMessageList().size(), "four messages carry key order-3");
        for (MessageExt message : byKey.getMessageList()) {
            assertEquals("order-3", message.getKeys());
        }

        SendResult target = sent.get(7);
        MessageExt byOffsetId = admin.viewMessage("Searchable", target.getOffsetMsgId());
        assertEquals("s7", new String(byOffsetId.getBody(), StandardCharsets.UTF_8));
        QueryResult byUniqueId = admin.queryMessageByUniqKey("DefaultCluster", "Searchable", target.getMsgId(), 32,
                before, after);
        assertEquals(1, byUniqueId.getMessageList().size());
        assertEquals("s7", new String(byUniqueId.getMessageList().get(0).getBody(), StandardCharsets.UTF_8));

        MessageQueue queue = target.getMessageQueue();
        assertEquals(0, admin.searchOffset(queue, before));
        assertTrue(admin.searchOffset(queue, after) >= admin.maxOffset(queue) - 1);
        assertEquals(0, admin.minOffset(queue));
        assertTrue(admin.earliestMsgStoreTime(queue) >= before);
    }
}
