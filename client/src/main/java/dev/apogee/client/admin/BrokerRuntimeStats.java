package dev.apogee.client.admin;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What a broker reports about itself (GET_BROKER_RUNTIME_INFO), typed where the keys are known to
 * every RocketMQ-compatible broker; {@link #raw()} has everything, as reported. A value the broker did
 * not report (or reported unreadably) is empty, never a made-up zero.
 *
 * @param raw every key and value as reported
 */
public record BrokerRuntimeStats(Map<String, String> raw) {

    public BrokerRuntimeStats {
        raw = Map.copyOf(raw);
    }

    /** The version the broker names ({@code brokerVersionDesc}, e.g. {@code V5_5_0}). */
    public Optional<String> version() {
        return Optional.ofNullable(raw.get("brokerVersionDesc"));
    }

    /** Messages stored per second, recently ({@code putTps}: the first of its figures). */
    public OptionalDouble putTps() {
        return firstDouble("putTps");
    }

    /** Messages read by consumers per second, recently ({@code getTransferredTps}, older spelling accepted). */
    public OptionalDouble getTps() {
        OptionalDouble tps = firstDouble("getTransferredTps");
        return tps.isPresent() ? tps : firstDouble("getTransferedTps");
    }

    /** Messages stored today so far ({@code msgPutTotalTodayNow}). */
    public OptionalLong putTotalToday() {
        OptionalLong now = longValue("msgPutTotalTodayNow");
        OptionalLong morning = longValue("msgPutTotalTodayMorning");
        return now.isPresent() && morning.isPresent() ? OptionalLong.of(now.getAsLong() - morning.getAsLong()) : now;
    }

    /** Messages read today so far ({@code msgGetTotalTodayNow}). */
    public OptionalLong getTotalToday() {
        OptionalLong now = longValue("msgGetTotalTodayNow");
        OptionalLong morning = longValue("msgGetTotalTodayMorning");
        return now.isPresent() && morning.isPresent() ? OptionalLong.of(now.getAsLong() - morning.getAsLong()) : now;
    }

    /** Used fraction (0..1) of the disk holding the commit log ({@code commitLogDiskRatio}). */
    public OptionalDouble diskUsedRatio() {
        OptionalDouble ratio = firstDouble("commitLogDiskRatio");
        return ratio.isPresent() && ratio.getAsDouble() >= 0 ? ratio : OptionalDouble.empty();
    }

    /** Bytes between the commit log's first and last message ({@code commitLogMaxOffset - commitLogMinOffset}). */
    public OptionalLong commitLogBytes() {
        OptionalLong max = longValue("commitLogMaxOffset");
        OptionalLong min = longValue("commitLogMinOffset");
        return max.isPresent() && min.isPresent() ? OptionalLong.of(max.getAsLong() - min.getAsLong()) : OptionalLong.empty();
    }

    /** Bytes stored but not yet indexed for consumers ({@code dispatchBehindBytes}). */
    public OptionalLong dispatchBehindBytes() {
        return longValue("dispatchBehindBytes");
    }

    /** When the broker started ({@code bootTimestamp}). */
    public Optional<Instant> bootTime() {
        OptionalLong millis = longValue("bootTimestamp");
        return millis.isPresent() ? Optional.of(Instant.ofEpochMilli(millis.getAsLong())) : Optional.empty();
    }

    /** Store time of the oldest message kept ({@code earliestMessageTimeStamp}). */
    public Optional<Instant> earliestMessageTime() {
        OptionalLong millis = longValue("earliestMessageTimeStamp");
        return millis.isPresent() && millis.getAsLong() > 0 ? Optional.of(Instant.ofEpochMilli(millis.getAsLong()))
                : Optional.empty();
    }

    private OptionalLong longValue(String key) {
        String value = raw.get(key);
        if (value == null || value.isBlank()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** The first number of a value; official brokers write several windows ("12.00 10.50 9.80"). */
    private OptionalDouble firstDouble(String key) {
        String value = raw.get(key);
        if (value == null || value.isBlank()) {
            return OptionalDouble.empty();
        }
        try {
            return OptionalDouble.of(Double.parseDouble(value.trim().split("\\s+")[0]));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }
}
