package dev.apogee.remoting.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decoded header keys, shared: the same few dozen keys ("a" to "n" of a send, "queueId", "msgId", ...)
 * arrive in every frame. Handing out one String per key means no String is made for a known key, and
 * the header records' lookups ({@code HeaderFields}) find it by identity instead of comparing contents.
 *
 * <p>A fixed table of slots by hash of the bytes; a key that collides replaces the slot's entry, so a
 * peer sending endless new keys costs a lookup, never memory.
 *
 * <p>Thread-safety: slots hold immutable entries and are replaced whole; a racing reader sees the old
 * entry or the new one, both correct for their own bytes.
 */
final class WireKeys {

    private static final int SLOTS = 512;
    private static final int MAX_LENGTH = 32;
    private static final Entry[] TABLE = new Entry[SLOTS];

    private record Entry(byte[] bytes, String key) {
    }

    private WireKeys() {
    }

    /** The key in {@code source[offset, offset + length)}, decoded as UTF-8. */
    static String key(byte[] source, int offset, int length) {
        if (length > MAX_LENGTH) {
            return new String(source, offset, length, StandardCharsets.UTF_8);
        }
        int hash = 1;
        for (int i = offset; i < offset + length; i++) {
            hash = 31 * hash + source[i];
        }
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        Entry entry = TABLE[slot];
        if (entry != null && Arrays.equals(entry.bytes, 0, entry.bytes.length, source, offset, offset + length)) {
            return entry.key;
        }
        String key = new String(source, offset, length, StandardCharsets.UTF_8).intern();
        TABLE[slot] = new Entry(Arrays.copyOfRange(source, offset, offset + length), key);
        return key;
    }
}
