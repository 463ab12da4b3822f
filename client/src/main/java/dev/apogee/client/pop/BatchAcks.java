package dev.apogee.client.pop;

import dev.apogee.client.BrokerRefusedException;
import dev.apogee.client.net.Rpc;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.body.BatchAck;
import dev.apogee.remoting.protocol.body.BatchAckRequestBody;
import dev.apogee.remoting.protocol.body.RemotingJson;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Sends the acknowledgements of many popped messages as one BATCH_ACK_MESSAGE per broker group, as
 * RocketMQ 5.1 and later brokers take them: one entry per pop they came from (same queue, check-point
 * offset, pop time and retry mark), the messages as bits over queue offsets from the check-point.
 * A broker that does not know the request gets one ACK_MESSAGE per message instead, from then on.
 *
 * <p>Thread-safe.
 */
final class BatchAcks {

    private static final Logger LOG = LogManager.getLogger(BatchAcks.class);

    /** Acknowledgements per request: the broker refuses more than 8,192, and smaller requests spread better. */
    static final int MAX_PER_REQUEST = 1_024;

    /** One broker group's share of a batch: the request body, the messages it carries, those it could not. */
    record Plan(BatchAckRequestBody body, List<ReceivedMessage> carried, List<ReceivedMessage> singles) {
    }

    /** What makes messages one entry: the pop that handed them out. */
    private record PopKey(String topic, String retryMark, int queueId, long checkpointOffset, long popTime) {
    }

    private record Entry(PopReceipt first, BitSet offsets) {
    }

    private final String group;
    private final long timeoutMillis;
    private final Rpc rpc;
    private final Function<ReceivedMessage, CompletableFuture<String>> addressOf;
    private final Function<ReceivedMessage, CompletableFuture<Void>> ackOne;
    /** Addresses of brokers that answered a batch with REQUEST_CODE_NOT_SUPPORTED. */
    private final Set<String> withoutBatches = ConcurrentHashMap.newKeySet();

    /**
     * @param addressOf where the broker group that handed a message out is now
     * @param ackOne    the single ACK_MESSAGE of a message
     */
    BatchAcks(String group, long timeoutMillis, Rpc rpc, Function<ReceivedMessage, CompletableFuture<String>> addressOf,
              Function<ReceivedMessage, CompletableFuture<Void>> ackOne) {
        this.group = group;
        this.timeoutMillis = timeoutMillis;
        this.rpc = rpc;
        this.addressOf = addressOf;
        this.ackOne = ackOne;
    }

    /** Acknowledges {@code messages}; the future completes when every request was answered. */
    CompletableFuture<Void> ack(Collection<ReceivedMessage> messages) {
        Map<String, List<ReceivedMessage>> byBroker = new LinkedHashMap<>();
        for (ReceivedMessage message : messages) {
            byBroker.computeIfAbsent(message.receipt().brokerName(), name -> new ArrayList<>()).add(message);
        }
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (List<ReceivedMessage> share : byBroker.values()) {
            for (int from = 0; from < share.size(); from += MAX_PER_REQUEST) {
                List<ReceivedMessage> chunk = share.subList(from, Math.min(share.size(), from + MAX_PER_REQUEST));
                sent.add(addressOf.apply(chunk.get(0)).thenCompose(address -> send(address, chunk)));
            }
        }
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<Void> send(String address, List<ReceivedMessage> messages) {
        if (withoutBatches.contains(address)) {
            return singly(messages);
        }
        Plan plan = plan(group, messages);
        CompletableFuture<Void> singles = singly(plan.singles());
        if (plan.body().acks().isEmpty()) {
            return singles;
        }
        RemotingCommand request = RemotingCommand.request(RequestCode.BATCH_ACK_MESSAGE, null,
                RemotingJson.encode(plan.body()));
        CompletableFuture<Void> batch = rpc.invoke(address, request, timeoutMillis).thenCompose(response -> {
            if (response.code() == ResponseCode.SUCCESS) {
                return CompletableFuture.completedFuture(null);
            }
            if (response.code() == ResponseCode.REQUEST_CODE_NOT_SUPPORTED) {
                if (withoutBatches.add(address)) {
                    LOG.info("broker {} does not take batch acks; acknowledging one message per request", address);
                }
                return singly(plan.carried());
            }
            throw new BrokerRefusedException(address, response.code(), response.remark());
        });
        return CompletableFuture.allOf(batch, singles);
    }

    private CompletableFuture<Void> singly(List<ReceivedMessage> messages) {
        return CompletableFuture.allOf(messages.stream().map(ackOne).toArray(CompletableFuture[]::new));
    }

    /**
     * The batch body of {@code messages} (all from one broker group): one entry per pop. A message whose
     * offset lies before its check-point, or too far after it for a bit set, goes in {@link Plan#singles}.
     */
    static Plan plan(String group, List<ReceivedMessage> messages) {
        Map<PopKey, Entry> entries = new LinkedHashMap<>();
        List<ReceivedMessage> carried = new ArrayList<>(messages.size());
        List<ReceivedMessage> singles = new ArrayList<>();
        for (ReceivedMessage message : messages) {
            PopReceipt receipt = message.receipt();
            long bit = receipt.queueOffset() - receipt.checkpointOffset();
            if (bit < 0 || bit >= Integer.MAX_VALUE) {
                singles.add(message);
                continue;
            }
            PopKey key = new PopKey(message.topic(), receipt.retryMark(), receipt.queueId(), receipt.checkpointOffset(),
                    receipt.popTime());
            entries.computeIfAbsent(key, k -> new Entry(receipt, new BitSet())).offsets().set((int) bit);
            carried.add(message);
        }
        List<BatchAck> acks = new ArrayList<>(entries.size());
        entries.forEach((key, entry) -> acks.add(BatchAck.of(group, key.topic(), key.retryMark(),
                key.checkpointOffset(), key.queueId(), entry.first().reviveQueueId(), key.popTime(),
                entry.first().invisibleMillis(), entry.offsets())));
        String brokerName = messages.isEmpty() ? null : messages.get(0).receipt().brokerName();
        return new Plan(new BatchAckRequestBody(brokerName, acks), carried, singles);
    }
}
