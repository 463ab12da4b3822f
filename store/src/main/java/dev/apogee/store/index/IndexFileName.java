package dev.apogee.store.index;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An index file's name: its creation time, {@code yyyyMMddHHmmssSSS} in UTC (so names never go back at
 * a daylight-saving change), and a sequence, written {@code -000001}, when the clock has not moved past
 * the previous file's time (two files in one millisecond, or the clock was set back). Names are unique,
 * and sort in creation order both as strings (zero-padded) and by {@link #compareTo}.
 *
 * @param stamp    the 17-digit creation time
 * @param sequence 0 for a plain time-stamp name
 */
record IndexFileName(String stamp, int sequence) implements Comparable<IndexFileName> {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(ZoneOffset.UTC);
    private static final Pattern NAME = Pattern.compile("(\\d{17})(?:-(\\d{6,9}))?");

    IndexFileName {
        if (stamp.length() != 17 || sequence < 0) {
            throw new IllegalArgumentException("not an index file name: " + stamp + "/" + sequence);
        }
    }

    /** The name of a file created at {@code nowMillis} after the file named {@code last} (or null). */
    static IndexFileName next(IndexFileName last, long nowMillis) {
        String stamp = STAMP.format(Instant.ofEpochMilli(nowMillis));
        if (last == null || stamp.compareTo(last.stamp) > 0) {
            return new IndexFileName(stamp, 0);
        }
        return new IndexFileName(last.stamp, last.sequence + 1);
    }

    /** The name, or null if {@code fileName} is not one (another file in the index directory). */
    static IndexFileName parse(String fileName) {
        Matcher matcher = NAME.matcher(fileName);
        if (!matcher.matches()) {
            return null;
        }
        int sequence = matcher.group(2) == null ? 0 : Integer.parseInt(matcher.group(2));
        return new IndexFileName(matcher.group(1), sequence);
    }

    @Override
    public int compareTo(IndexFileName other) {
        int byStamp = stamp.compareTo(other.stamp);
        return byStamp != 0 ? byStamp : Integer.compare(sequence, other.sequence);
    }

    @Override
    public String toString() {
        return sequence == 0 ? stamp : stamp + "-" + String.format("%06d", sequence);
    }
}
