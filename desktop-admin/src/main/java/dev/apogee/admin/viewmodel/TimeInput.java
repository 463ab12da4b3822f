package dev.apogee.admin.viewmodel;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the times users type: {@code now}; a time relative to now such as {@code -15m}, {@code -2h},
 * {@code -1d}, {@code -30s}; a local date and time {@code 2024-05-01 13:45[:10[.123]]} (or with a
 * {@code T}) or just a date, in the clock's zone; an ISO instant {@code 2024-05-01T11:45:00Z}; or
 * epoch milliseconds.
 */
public final class TimeInput {

    private static final Pattern RELATIVE = Pattern.compile("-\\s*(\\d{1,9})\\s*([smhd])");
    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd().append(DateTimeFormatter.ISO_LOCAL_TIME).toFormatter();

    private final Clock clock;

    /** Reads times relative to {@code clock} and in its zone. */
    public TimeInput(Clock clock) {
        this.clock = clock;
    }

    /**
     * The time {@code text} names.
     *
     * @throws IllegalArgumentException with a message for the user
     */
    public Instant parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Enter a time: now, -15m, 2024-05-01 13:45, or epoch milliseconds");
        }
        String input = text.trim();
        if (input.equalsIgnoreCase("now")) {
            return clock.instant();
        }
        Matcher relative = RELATIVE.matcher(input);
        if (relative.matches()) {
            long amount = Long.parseLong(relative.group(1));
            Duration unit = switch (relative.group(2)) {
                case "s" -> Duration.ofSeconds(1);
                case "m" -> Duration.ofMinutes(1);
                case "h" -> Duration.ofHours(1);
                default -> Duration.ofDays(1);
            };
            return clock.instant().minus(unit.multipliedBy(amount));
        }
        if (input.matches("\\d{10,15}")) {
            return Instant.ofEpochMilli(Long.parseLong(input));
        }
        try {
            if (input.endsWith("Z") || input.matches(".*[+-]\\d{2}:\\d{2}$")) {
                return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(input.replace(' ', 'T'), Instant::from);
            }
            if (input.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(input).atStartOfDay(clock.getZone()).toInstant();
            }
            return LocalDateTime.parse(input, LOCAL).atZone(clock.getZone()).toInstant();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + input + "' is not a time; use now, -15m, 2024-05-01 13:45, "
                    + "2024-05-01T11:45:00Z or epoch milliseconds");
        }
    }

    /**
     * How a time is shown for editing: local date and time to the millisecond (a query run again must
     * cover what it covered), in the clock's zone; {@link #parse} reads it back exactly.
     */
    public String format(Instant time) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(clock.getZone()).format(time);
    }
}
