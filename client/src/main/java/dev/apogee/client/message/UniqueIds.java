package dev.apogee.client.message;

import dev.apogee.client.net.LocalHost;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Unique client message ids (the {@code UNIQ_KEY} property, what the official clients show as a
 * message's id): upper-case hex of the host address, the process id (2 bytes), a random salt drawn
 * once per process (4 bytes, telling apart two class loaders or a reused pid), the milliseconds since
 * the start of the current month (4 bytes) and a counter (2 bytes) -- 32 hex digits on IPv4 hosts,
 * the layout the official clients use, so tools that read a time out of an id keep working.
 *
 * <p>Thread-safe and allocation-light: the fixed part is formatted once.
 */
public final class UniqueIds {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final String FIXED = fixedPart();
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static volatile long monthStart;
    private static volatile long nextMonthStart;

    static {
        resetMonth(System.currentTimeMillis());
    }

    private UniqueIds() {
    }

    /** A new unique id. */
    public static String next() {
        long now = System.currentTimeMillis();
        if (now >= nextMonthStart) {
            resetMonth(now);
        }
        int sinceMonthStart = (int) (now - monthStart);
        short count = (short) COUNTER.getAndIncrement();
        StringBuilder id = new StringBuilder(FIXED.length() + 12).append(FIXED);
        HEX.toHexDigits(id, (byte) (sinceMonthStart >>> 24));
        HEX.toHexDigits(id, (byte) (sinceMonthStart >>> 16));
        HEX.toHexDigits(id, (byte) (sinceMonthStart >>> 8));
        HEX.toHexDigits(id, (byte) sinceMonthStart);
        HEX.toHexDigits(id, (byte) (count >>> 8));
        HEX.toHexDigits(id, (byte) count);
        return id.toString();
    }

    private static synchronized void resetMonth(long now) {
        if (now < nextMonthStart) {
            return;
        }
        ZoneId zone = ZoneId.systemDefault();
        LocalDate first = java.time.Instant.ofEpochMilli(now).atZone(zone).toLocalDate().withDayOfMonth(1);
        monthStart = first.atStartOfDay(zone).toInstant().toEpochMilli();
        nextMonthStart = first.plusMonths(1).atStartOfDay(zone).toInstant().toEpochMilli();
    }

    private static String fixedPart() {
        byte[] ip = LocalHost.address().getAddress();
        ByteBuffer fixed = ByteBuffer.allocate(ip.length + 6);
        fixed.put(ip).putShort((short) LocalHost.pid()).putInt(ThreadLocalRandom.current().nextInt());
        return HEX.formatHex(fixed.array());
    }
}
