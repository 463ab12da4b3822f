package dev.apogee.broker.transaction;

import dev.apogee.broker.BrokerTuning;
import dev.apogee.broker.client.ClientRegistry;
import dev.apogee.remoting.concurrent.NamedThreadFactory;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.header.broker.CheckTransactionStateRequestHeader;
import dev.apogee.remoting.protocol.message.MessageProperties;
import dev.apogee.remoting.protocol.message.MessageRecordCodec;
import dev.apogee.remoting.protocol.message.StoredMessage;
import dev.apogee.store.GetResult;
import dev.apogee.store.MessageFilter;
import dev.apogee.store.MessageStore;
import io.netty.channel.Channel;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Asks producers about half messages left unresolved: on every interval, each half message older
 * than the transaction timeout (or its own CHECK_IMMUNITY_TIME_IN_SECONDS) that is not resolved gets
 * a CHECK_TRANSACTION_STATE sent to one live member of its producer group, which answers with
 * END_TRANSACTION. After the maximum number of checks the half message is discarded (logged).
 *
 * <p>Thread-safety: runs on its own "broker-transaction-check" thread.
 */
public final class TransactionChecker {

    private static final Logger LOG = LogManager.getLogger(TransactionChecker.class);

    private final MessageStore store;
    private final TransactionLog log;
    private final ClientRegistry clients;
    private final BiConsumer<Channel, RemotingCommand> sendOneway;
    private final BrokerTuning tuning;
    private final String brokerName;
    private final ScheduledExecutorService executor =
            Executors.newSingleThreadScheduledExecutor(new NamedThreadFactory("broker-transaction-check", true));

    public TransactionChecker(MessageStore store, TransactionLog log, ClientRegistry clients,
                              BiConsumer<Channel, RemotingCommand> sendOneway, BrokerTuning tuning, String brokerName) {
        this.store = store;
        this.log = log;
        this.clients = clients;
        this.sendOneway = sendOneway;
        this.tuning = tuning;
        this.brokerName = brokerName;
    }

    public void start() {
        long interval = tuning.transactionCheckInterval().toMillis();
        executor.scheduleWithFixedDelay(this::checkSafely, interval, interval, TimeUnit.MILLISECONDS);
    }

    private void checkSafely() {
        try {
            check();
        } catch (RuntimeException e) {
            LOG.error("Transaction check failed; retrying at the next interval", e);
        }
    }

    /** One pass over the unresolved half messages. */
    void check() {
        log.advance();
        long offset = log.halfPosition();
        long now = System.currentTimeMillis();
        while (true) {
            GetResult batch = store.get(TransactionLog.HALF_TOPIC, 0, offset, 64, 4 << 20, MessageFilter.ALL);
            if (batch.messageCount() == 0) {
                break;
            }
            for (ByteBuffer record : batch.messages()) {
                StoredMessage half = MessageRecordCodec.decode(record.duplicate(), false);
                offset = half.queueOffset() + 1;
                if (log.isSettled(half.queueOffset())) {
                    continue;
                }
                Long immunity = immunityMillis(half);
                long waitFor = immunity != null ? immunity : tuning.transactionTimeout().toMillis();
                if (now - half.storeTimestamp() < waitFor) {
                    if (immunity == null) {
                        log.advance();
                        return;   // half messages are in store order: the rest are younger still
                    }
                    continue;
                }
                if (log.checksOf(half.queueOffset()) >= tuning.transactionCheckMax()) {
                    LOG.warn("Discarding half message {} (topic {}, producer group {}): its transaction was still "
                            + "unresolved after {} checks", half.queueOffset(),
                            half.property(MessageProperties.REAL_TOPIC),
                            half.property(MessageProperties.PRODUCER_GROUP), tuning.transactionCheckMax());
                    log.discard(half.queueOffset()).join();
                    continue;
                }
                askProducer(half, record);
            }
        }
        log.advance();
    }

    private static Long immunityMillis(StoredMessage half) {
        String value = half.property(MessageProperties.CHECK_IMMUNITY_TIME_IN_SECONDS);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.trim()) * 1000L;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void askProducer(StoredMessage half, ByteBuffer record) {
        String group = half.property(MessageProperties.PRODUCER_GROUP);
        List<Channel> channels = group == null ? List.of() : clients.producerChannels(group);
        if (channels.isEmpty()) {
            return;   // nobody to ask now; not counted as a check
        }
        String uniqueId = half.property(MessageProperties.UNIQ_KEY);
        String transactionId = half.property(MessageProperties.TRANSACTION_ID);
        CheckTransactionStateRequestHeader header = new CheckTransactionStateRequestHeader(
                half.property(MessageProperties.REAL_TOPIC), half.queueOffset(), half.physicalOffset(), uniqueId,
                transactionId != null ? transactionId : uniqueId, half.offsetMessageId(), brokerName);
        byte[] body = new byte[record.remaining()];
        record.duplicate().get(body);
        Channel channel = channels.get(ThreadLocalRandom.current().nextInt(channels.size()));
        log.recordCheck(half.queueOffset()).join();
        sendOneway.accept(channel, RemotingCommand.request(RequestCode.CHECK_TRANSACTION_STATE, header, body));
    }

    public void stop() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
