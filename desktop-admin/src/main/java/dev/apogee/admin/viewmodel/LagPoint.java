package dev.apogee.admin.viewmodel;

import java.time.Instant;
import java.util.OptionalLong;

/**
 * One sample of a watched group.
 *
 * @param at             when it was taken
 * @param lag            the group's total lag then; empty when unknown (the chart leaves a gap)
 * @param consumerOffset the sum of its committed offsets then; empty when any is unknown
 */
public record LagPoint(Instant at, OptionalLong lag, OptionalLong consumerOffset) {
}
