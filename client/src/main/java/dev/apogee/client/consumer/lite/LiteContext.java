package dev.apogee.client.consumer.lite;

import dev.apogee.client.consumer.PullConsumerSettings;
import dev.apogee.client.consumer.broker.ConsumerRequests;
import dev.apogee.client.consumer.offset.OffsetStore;
import dev.apogee.client.consumer.offset.StartOffsets;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What the parts of one lite pull consumer share.
 *
 * @param scheduler runs the pulls and their answers
 */
public record LiteContext(PullConsumerSettings settings, ConsumerRequests requests, OffsetStore offsets,
                          StartOffsets startOffsets, ScheduledExecutorService scheduler) {
}
