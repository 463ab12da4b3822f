package dev.apogee.store.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class IndexFileLayoutTest {

    /** RocketMQ's IndexService.buildKey + IndexFile.indexKeyHashMethod, written the plain way. */
    private static int rocketMqHash(String topic, String key) {
        int positive = Math.abs((topic + "#" + key).hashCode());
        return positive < 0 ? 0 : positive;
    }

    @Test
    void hashIsRocketMqsWithoutBuildingTheString() {
        long seed = System.nanoTime();
        System.out.println("IndexFileLayoutTest seed " + seed);
        Random random = new Random(seed);
        for (int i = 0; i < 10_000; i++) {
            String topic = randomString(random);
            String key = randomString(random);
            assertEquals(rocketMqHash(topic, key), IndexFileLayout.hash(topic, key), topic + "#" + key);
        }
        assertEquals(rocketMqHash("", ""), IndexFileLayout.hash("", ""));
        assertEquals(rocketMqHash("OrderEvents", "7F0000010B5C18B4AAC25F3B1D6E0000"),
                IndexFileLayout.hash("OrderEvents", "7F0000010B5C18B4AAC25F3B1D6E0000"));
        assertEquals(rocketMqHash("tópico", "ключ-鍵"), IndexFileLayout.hash("tópico", "ключ-鍵"));
    }

    private static String randomString(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(40);
        for (int i = 0; i < length; i++) {
            // Mostly ASCII, sometimes any UTF-16 unit: String.hashCode is over chars either way.
            text.append(random.nextInt(4) == 0 ? (char) random.nextInt(0x10000) : (char) (' ' + random.nextInt(95)));
        }
        return text.toString();
    }

    @Test
    void theOneHashAbsCannotMakePositiveBecomesZero() {
        assertEquals(Integer.MIN_VALUE, "polygenelubricants".hashCode());
        assertEquals(0, IndexFileLayout.nonNegative(Integer.MIN_VALUE));
        assertEquals(5, IndexFileLayout.nonNegative(-5));
        assertEquals(Integer.MAX_VALUE, IndexFileLayout.nonNegative(-Integer.MAX_VALUE));
    }

    @Test
    void defaultFileIsRocketMqsSize() {
        assertEquals(40L + 5_000_000L * 4 + 20_000_000L * 20,
                IndexFileLayout.fileSize(IndexFileLayout.DEFAULT_SLOT_COUNT, IndexFileLayout.DEFAULT_ENTRY_COUNT));
        assertEquals(40 + 3 * 4, IndexFileLayout.slotPosition(10, 7));
        assertEquals(40 + 7 * 4 + 2 * 20, IndexFileLayout.entryPosition(2, 7));
    }
}
