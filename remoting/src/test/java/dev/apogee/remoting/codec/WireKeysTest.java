package dev.apogee.remoting.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WireKeysTest {

    private static String key(String text, int padding) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        byte[] framed = new byte[padding + utf8.length + 3];
        System.arraycopy(utf8, 0, framed, padding, utf8.length);
        return WireKeys.key(framed, padding, utf8.length);
    }

    @Test
    void aKnownKeyIsTheConstantItself() {
        assertSame("queueOffset", key("queueOffset", 5), "the header records' names compare by identity");
        assertSame(key("topic", 0), key("topic", 7));
    }

    @Test
    void keysDecodeAsUtf8WhateverTheirLength() {
        assertEquals("cl\u00e9-\u4e2d", key("cl\u00e9-\u4e2d", 2));
        String longKey = "k".repeat(100);
        assertEquals(longKey, key(longKey, 1));
    }

    @Test
    void manyDifferentKeysAllDecodeRightThoughTheyShareSlots() {
        for (int i = 0; i < 5_000; i++) {
            assertEquals("key-" + i, key("key-" + i, i % 4));
        }
        assertEquals("key-17", key("key-17", 0));
    }
}
