package dev.apogee.interop.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.interop.fixture.EmbeddedCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.consumer.AckCallback;
import org.apache.rocketmq.client.consumer.AckResult;
import org.apache.rocketmq.client.consumer.AckStatus;
import org.apache.rocketmq.client.consumer.PopCallback;
import org.apache.rocketmq.client.consumer.PopResult;
import org.apache.rocketmq.client.consumer.PopStatus;
import org.apache.rocketmq.client.impl.MQClientAPIImpl;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.remoting.protocol.header.AckMessageRequestHeader;
import org.apache.rocketmq.remoting.protocol.header.ChangeInvisibleTimeRequestHeader;
import org.apache.rocketmq.remoting.protocol.header.PopMessageRequestHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pop consumption through the official 5.5.0 client's remoting API (the calls its pop-mode
 * consumers make): shared queues, invisible time, acks and batch acks, lapsed hand-outs coming back,
 * changing the invisible time, long polling, and a restart.
 */
@Timeout(120)
class BrokerPopInteropIT {

    @TempDir
    Path dataDir;

    private EmbeddedCluster cluster;
    private DefaultMQProducer producer;
    private MQClientAPIImpl api;

    @BeforeEach
    @SuppressWarnings("deprecation")   // the client's remoting API is reached through its deprecated impl
    void start() throws Exception {
        cluster = EmbeddedCluster.start(dataDir);
        producer = cluster.producer("interop-pop-producer");
        api = producer.getDefaultMQProducerImpl().getMqClientFactory().getMQClientAPIImpl();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private String broker() {
        return cluster.broker().address();
    }

    private String brokerName() {
        return cluster.broker().config().brokerName();
    }

    private PopResult pop(String group, String topic, int max, long invisibleMillis, long pollMillis) throws Exception {
        PopMessageRequestHeader header = new PopMessageRequestHeader();
        header.setConsumerGroup(group);
        header.setTopic(topic);
        header.setQueueId(-1);
        header.setMaxMsgNums(max);
        header.setInvisibleTime(invisibleMillis);
        header.setPollTime(pollMillis);
        header.setBornTime(System.currentTimeMillis());
        header.setInitMode(0);
        header.setExpType("TAG");
        header.setExp("*");
        CompletableFuture<PopResult> result = new CompletableFuture<>();
        api.popMessageAsync(brokerName(), broker(), header, pollMillis + 10_000, new PopCallback() {
            @Override
            public void onSuccess(PopResult popResult) {
                result.complete(popResult);
            }

            @Override
            public void onException(Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(pollMillis + 15_000, TimeUnit.MILLISECONDS);
    }

    private AckResult ack(String group, MessageExt message, String receipt) throws Exception {
        AckMessageRequestHeader header = new AckMessageRequestHeader();
        header.setConsumerGroup(group);
        header.setTopic(message.getTopic());
        header.setQueueId(message.getQueueId());
        header.setExtraInfo(receipt);
        header.setOffset(message.getQueueOffset());
        CompletableFuture<AckResult> result = new CompletableFuture<>();
        api.ackMessageAsync(broker(), 10_000, callback(result), header);
        return result.get(15, TimeUnit.SECONDS);
    }

    private AckResult changeInvisibleTime(String group, MessageExt message, long invisibleMillis) throws Exception {
        ChangeInvisibleTimeRequestHeader header = new ChangeInvisibleTimeRequestHeader();
        header.setConsumerGroup(group);
        header.setTopic(message.getTopic());
        header.setQueueId(message.getQueueId());
        header.setExtraInfo(message.getProperty(MessageConst.PROPERTY_POP_CK));
        header.setOffset(message.getQueueOffset());
        header.setInvisibleTime(invisibleMillis);
        CompletableFuture<AckResult> result = new CompletableFuture<>();
        api.changeInvisibleTimeAsync(brokerName(), broker(), header, 10_000, callback(result));
        return result.get(15, TimeUnit.SECONDS);
    }

    private static AckCallback callback(CompletableFuture<AckResult> result) {
        return new AckCallback() {
            @Override
            public void onSuccess(AckResult ackResult) {
                result.complete(ackResult);
            }

            @Override
            public void onException(Throwable e) {
                result.completeExceptionally(e);
            }
        };
    }

    private static String body(MessageExt message) {
        return new String(message.getBody(), StandardCharsets.UTF_8);
    }

    private void send(String topic, int count, String prefix) throws Exception {
        for (int i = 0; i < count; i++) {
            producer.send(new Message(topic, (prefix + i).getBytes(StandardCharsets.UTF_8)), 10_000);
        }
    }

    @Test
    void consumersShareQueuesAndEachMessageGoesToOneOfThem() throws Exception {
        send("PopShared", 40, "m");
        Set<String> first = new HashSet<>();
        Set<String> second = new HashSet<>();
        List<MessageExt> all = new ArrayList<>();
        for (int round = 0; round < 40 && first.size() + second.size() < 40; round++) {
            Set<String> into = round % 2 == 0 ? first : second;
            PopResult result = pop("interop-pop", "PopShared", 8, 30_000, 1_000);
            if (result.getPopStatus() == PopStatus.FOUND) {
                for (MessageExt message : result.getMsgFoundList()) {
                    assertTrue(into.add(body(message)), "handed out twice: " + body(message));
                    all.add(message);
                }
            }
        }
        Set<String> overlap = new HashSet<>(first);
        overlap.retainAll(second);
        assertEquals(Set.of(), overlap, "no message went to both consumers while invisible");
        assertEquals(40, first.size() + second.size(), "every message was handed out");
        assertTrue(!first.isEmpty() && !second.isEmpty(), "both consumers got some");
        for (MessageExt message : all) {
            assertEquals(AckStatus.OK, ack("interop-pop", message, message.getProperty(MessageConst.PROPERTY_POP_CK))
                    .getStatus());
        }
        PopResult after = pop("interop-pop", "PopShared", 8, 30_000, 500);
        assertEquals(PopStatus.POLLING_NOT_FOUND, after.getPopStatus(), "nothing left after the acks");
    }

    @Test
    void anUnacknowledgedMessageComesBackAfterItsInvisibleTime() throws Exception {
        send("PopLapse", 1, "lapse");
        PopResult first = pop("interop-pop-lapse", "PopLapse", 1, 1_000, 1_000);
        MessageExt handedOut = first.getMsgFoundList().get(0);
        assertEquals(0, handedOut.getReconsumeTimes());
        long poppedAt = System.currentTimeMillis();
        PopResult again = pop("interop-pop-lapse", "PopLapse", 1, 30_000, 5_000);
        long cameBackAfter = System.currentTimeMillis() - poppedAt;
        assertEquals(PopStatus.FOUND, again.getPopStatus());
        MessageExt redelivered = again.getMsgFoundList().get(0);
        assertEquals(body(handedOut), body(redelivered));
        assertEquals(handedOut.getQueueOffset(), redelivered.getQueueOffset());
        assertEquals(1, redelivered.getReconsumeTimes(), "the second hand-out says it is a redelivery");
        assertTrue(cameBackAfter >= 900 && cameBackAfter < 4_000, "came back after " + cameBackAfter + " ms");
        // The first receipt no longer acknowledges it; the second does.
        String stale = handedOut.getProperty(MessageConst.PROPERTY_POP_CK);
        assertTrue(failed(() -> ack("interop-pop-lapse", handedOut, stale)), "a stale receipt is refused");
        assertEquals(AckStatus.OK, ack("interop-pop-lapse", redelivered,
                redelivered.getProperty(MessageConst.PROPERTY_POP_CK)).getStatus());
        assertEquals(PopStatus.POLLING_NOT_FOUND, pop("interop-pop-lapse", "PopLapse", 1, 1_000, 2_000).getPopStatus());
    }

    private static boolean failed(java.util.concurrent.Callable<AckResult> call) {
        try {
            AckResult result = call.call();
            return result.getStatus() != AckStatus.OK;
        } catch (Exception e) {
            return true;
        }
    }

    @Test
    void aBatchAckSettlesEveryMessageItNamesAcrossPopsAndQueues() throws Exception {
        String group = "interop-pop-batch";
        send("PopBatchAck", 12, "b");
        List<MessageExt> handedOut = new ArrayList<>();
        for (int round = 0; round < 40 && handedOut.size() < 12; round++) {
            PopResult result = pop(group, "PopBatchAck", 5, 60_000, 1_000);
            if (result.getPopStatus() == PopStatus.FOUND) {
                handedOut.addAll(result.getMsgFoundList());
            }
        }
        assertEquals(12, handedOut.size());
        assertTrue(handedOut.stream().map(MessageExt::getQueueId).distinct().count() > 1, "from several queues");
        MessageExt kept = handedOut.get(handedOut.size() - 1);
        List<String> receipts = handedOut.subList(0, 11).stream()
                .map(message -> message.getProperty(MessageConst.PROPERTY_POP_CK)).toList();
        CompletableFuture<AckResult> acked = new CompletableFuture<>();
        api.batchAckMessageAsync(broker(), 10_000, callback(acked), "PopBatchAck", group, receipts);
        assertEquals(AckStatus.OK, acked.get(15, TimeUnit.SECONDS).getStatus());
        // The message left out becomes visible at once; the eleven acknowledged ones never again.
        assertEquals(AckStatus.OK, changeInvisibleTime(group, kept, 0).getStatus());
        List<String> cameBack = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            PopResult result = pop(group, "PopBatchAck", 12, 60_000, 700);
            if (result.getPopStatus() == PopStatus.FOUND) {
                result.getMsgFoundList().forEach(message -> cameBack.add(body(message)));
            }
        }
        assertEquals(List.of(body(kept)), cameBack);
    }

    @Test
    void aBatchAckWithoutEntriesIsRefused() throws Exception {
        CompletableFuture<AckResult> acked = new CompletableFuture<>();
        api.batchAckMessageAsync(broker(), 10_000, callback(acked), "PopBatchAck", "interop-pop-batch", List.of());
        assertEquals(AckStatus.NO_EXIST, acked.get(15, TimeUnit.SECONDS).getStatus());
    }

    @Test
    void changingTheInvisibleTimeKeepsAMessageHiddenLonger() throws Exception {
        send("PopExtend", 1, "extend");
        MessageExt message = pop("interop-pop-extend", "PopExtend", 1, 1_000, 1_000).getMsgFoundList().get(0);
        AckResult changed = changeInvisibleTime("interop-pop-extend", message, 60_000);
        assertEquals(AckStatus.OK, changed.getStatus());
        assertEquals(PopStatus.POLLING_NOT_FOUND, pop("interop-pop-extend", "PopExtend", 1, 1_000, 2_500).getPopStatus(),
                "still hidden after its first invisible time");
        assertEquals(AckStatus.OK, ack("interop-pop-extend", message, changed.getExtraInfo()).getStatus(),
                "the receipt from the change acknowledges it");
    }

    @Test
    void aPopWaitsForTheNextMessage() throws Exception {
        send("PopWait", 1, "warm-up");
        MessageExt warmUp = pop("interop-pop-wait", "PopWait", 1, 30_000, 1_000).getMsgFoundList().get(0);
        ack("interop-pop-wait", warmUp, warmUp.getProperty(MessageConst.PROPERTY_POP_CK));
        CompletableFuture<PopResult> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return pop("interop-pop-wait", "PopWait", 1, 30_000, 10_000);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(700);
        long sentAt = System.currentTimeMillis();
        send("PopWait", 1, "late");
        PopResult result = waiting.get(20, TimeUnit.SECONDS);
        long latency = System.currentTimeMillis() - sentAt;
        assertEquals(PopStatus.FOUND, result.getPopStatus());
        assertEquals("late0", body(result.getMsgFoundList().get(0)));
        assertTrue(latency < 3_000, "answered " + latency + " ms after the send, not at the poll's end");
    }

    @Test
    void handOutsInFlightAtARestartComeBackAndAcknowledgedOnesDoNot() throws Exception {
        send("PopRestart", 6, "r");
        List<MessageExt> handedOut = new ArrayList<>();
        while (handedOut.size() < 6) {
            PopResult result = pop("interop-pop-restart", "PopRestart", 6, 60_000, 1_000);
            if (result.getPopStatus() == PopStatus.FOUND) {
                handedOut.addAll(result.getMsgFoundList());
            }
        }
        Set<String> acked = new HashSet<>();
        for (MessageExt message : handedOut.subList(0, 3)) {
            ack("interop-pop-restart", message, message.getProperty(MessageConst.PROPERTY_POP_CK));
            acked.add(body(message));
        }
        cluster.restartBroker();
        Set<String> after = new HashSet<>();
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            PopResult result;
            try {
                result = pop("interop-pop-restart", "PopRestart", 6, 60_000, 1_000);
            } catch (Exception reconnecting) {
                Thread.sleep(200);
                continue;
            }
            if (result.getPopStatus() != PopStatus.FOUND) {
                break;
            }
            result.getMsgFoundList().forEach(m -> after.add(body(m)));
        }
        Set<String> unacked = new HashSet<>();
        handedOut.forEach(m -> unacked.add(body(m)));
        unacked.removeAll(acked);
        assertTrue(after.containsAll(unacked), "unacknowledged messages come back: " + after + " vs " + unacked);
        // The committed prefix may trail the acks (acks out of queue order): those may come back too, but
        // nothing is lost and nothing outside the six is invented.
        assertTrue(unacked.size() == 3 && after.size() <= 6);
    }
}
