package dev.apogee.client.consumer.offset;

import dev.apogee.client.consumer.broker.ConsumerRequests;
import dev.apogee.client.net.Rpc;
import dev.apogee.remoting.protocol.body.MessageQueue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** Offsets of a clustering group, kept by the brokers (QUERY_CONSUMER_OFFSET / UPDATE_CONSUMER_OFFSET). */
public final class BrokerOffsetStore implements OffsetStore {

    private static final Logger LOG = LogManager.getLogger(BrokerOffsetStore.class);

    private final String group;
    private final ConsumerRequests requests;
    private final long timeoutMillis;
    private final MemoryOffsets memory = new MemoryOffsets();

    public BrokerOffsetStore(String group, ConsumerRequests requests, long timeoutMillis) {
        this.group = group;
        this.requests = requests;
        this.timeoutMillis = timeoutMillis;
    }

    /** @throws dev.apogee.client.ClientException if the broker cannot be asked */
    @Override
    public long readStored(MessageQueue queue) {
        return Rpc.await(requests.committedOffset(group, queue));
    }

    @Override
    public long current(MessageQueue queue) {
        return memory.current(queue);
    }

    @Override
    public void update(MessageQueue queue, long offset, boolean onlyForward) {
        memory.update(queue, offset, onlyForward);
    }

    /**
     * Commits each queue's offset, one request at a time per broker and brokers in parallel. Sequential
     * because Apache RocketMQ's broker creates a group's offset table for a topic with an unguarded
     * check-then-put: two concurrent first commits for one topic and group keep only one queue's offset.
     */
    @Override
    public void persist(Collection<MessageQueue> queues) {
        Map<String, CompletableFuture<Void>> chains = new HashMap<>();
        for (MessageQueue queue : queues) {
            long offset = memory.current(queue);
            if (offset >= 0) {
                CompletableFuture<Void> previous = chains.get(queue.brokerName());
                chains.put(queue.brokerName(), previous == null ? commit(queue, offset)
                        : previous.thenCompose(done -> commit(queue, offset)));
            }
        }
        List<CompletableFuture<Void>> commits = new ArrayList<>(chains.values());
        try {
            CompletableFuture.allOf(commits.toArray(CompletableFuture[]::new)).get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("committing offsets of group {} did not finish: {}", group, e.toString());
        }
    }

    private CompletableFuture<Void> commit(MessageQueue queue, long offset) {
        return requests.commitOffset(group, queue, offset).exceptionally(failure -> {
            LOG.warn("committing offset {} of {} for group {} failed: {}", offset, queue, group,
                    Rpc.unwrap(failure).getMessage());
            return null;
        });
    }

    @Override
    public void forget(MessageQueue queue) {
        memory.forget(queue);
    }
}
