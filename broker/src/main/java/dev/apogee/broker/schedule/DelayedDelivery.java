package dev.apogee.broker.schedule;

import dev.apogee.broker.offset.ConsumerOffsetStore;
import dev.apogee.remoting.concurrent.NamedThreadFactory;
import dev.apogee.remoting.protocol.message.MessageDraft;
import dev.apogee.remoting.protocol.message.MessageProperties;
import dev.apogee.remoting.protocol.message.MessageRecordCodec;
import dev.apogee.remoting.protocol.message.StoredMessage;
import dev.apogee.store.GetResult;
import dev.apogee.store.MessageFilter;
import dev.apogee.store.MessageStore;
import dev.apogee.store.PutResult;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Delivers delayed messages when they are due: each delay level's queue of the schedule topic is
 * read in order (a level's messages come due in the order they were stored), and each due message
 * is stored again in its real topic and queue, without its DELAY property. The position in each
 * level is kept as the consumer offset of a system group, committed only after the redelivered copy
 * is stored, so a restart resends at most a few (at-least-once) and loses none.
 *
 * <p>Thread-safety: runs on its own "broker-schedule" thread.
 */
public final class DelayedDelivery {

    private static final Logger LOG = LogManager.getLogger(DelayedDelivery.class);
    /** The group under which each level's position is kept. */
    public static final String POSITION_GROUP = "%SCHEDULE%";

    private final MessageStore store;
    private final ConsumerOffsetStore positions;
    private final ScheduledExecutorService executor =
            Executors.newSingleThreadScheduledExecutor(new NamedThreadFactory("broker-schedule", true));

    public DelayedDelivery(MessageStore store, ConsumerOffsetStore positions) {
        this.store = store;
        this.positions = positions;
    }

    public void start() {
        executor.scheduleWithFixedDelay(this::deliverDueSafely, 100, 100, TimeUnit.MILLISECONDS);
    }

    /** The schedule-topic copy of a message that should arrive {@code level} later. */
    public static MessageDraft delayed(MessageDraft message, int level) {
        Map<String, String> properties = MessageProperties.parse(message.properties());
        properties.put(MessageProperties.REAL_TOPIC, message.topic());
        properties.put(MessageProperties.REAL_QUEUE_ID, Integer.toString(message.queueId()));
        properties.put(MessageProperties.DELAY, Integer.toString(DelayLevels.clamp(level)));
        return message.withDestination(DelayLevels.SCHEDULE_TOPIC, DelayLevels.clamp(level) - 1)
                .withProperties(MessageProperties.format(properties));
    }

    private void deliverDueSafely() {
        try {
            for (int level = 1; level <= DelayLevels.count(); level++) {
                deliverDue(level);
            }
        } catch (RuntimeException e) {
            LOG.error("Delayed delivery failed; retrying", e);
        }
    }

    private void deliverDue(int level) {
        int queueId = level - 1;
        long position = Math.max(positions.get(POSITION_GROUP, DelayLevels.SCHEDULE_TOPIC, queueId),
                store.minOffset(DelayLevels.SCHEDULE_TOPIC, queueId));
        long now = System.currentTimeMillis();
        while (true) {
            GetResult batch = store.get(DelayLevels.SCHEDULE_TOPIC, queueId, position, 32, 1 << 20, MessageFilter.ALL);
            if (batch.messageCount() == 0) {
                if (batch.nextBeginOffset() != position && batch.nextBeginOffset() > position) {
                    positions.commit(POSITION_GROUP, DelayLevels.SCHEDULE_TOPIC, queueId, batch.nextBeginOffset());
                }
                return;
            }
            for (ByteBuffer record : batch.messages()) {
                StoredMessage message = MessageRecordCodec.decode(record.duplicate(), false);
                if (message.storeTimestamp() + DelayLevels.millis(level) > now) {
                    return;
                }
                MessageDraft real = message.toRealTopic(MessageProperties.DELAY);
                if (real == null) {
                    // Nothing says where it belongs; waiting would hold up every later message of the level.
                    LOG.warn("Skipping delayed message {} at queue offset {}: it has no real topic or queue",
                            message.offsetMessageId(), message.queueOffset());
                    position = message.queueOffset() + 1;
                    positions.commit(POSITION_GROUP, DelayLevels.SCHEDULE_TOPIC, queueId, position);
                    continue;
                }
                PutResult result = store.put(real).join();
                if (!result.stored()) {
                    LOG.warn("Cannot redeliver a delayed message ({}); will try again", result.status());
                    return;
                }
                position = message.queueOffset() + 1;
                positions.commit(POSITION_GROUP, DelayLevels.SCHEDULE_TOPIC, queueId, position);
            }
        }
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
