package dev.apogee.remoting.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HeaderFieldsTest {

    private static RemotingCommand command(Map<String, String> fields) {
        return new RemotingCommand(RequestCode.SEND_MESSAGE, LanguageCode.JAVA, 0, 1, 0, null, fields, null,
                SerializeType.JSON);
    }

    @Test
    void aCommandCopiesAMapItWasGiven() {
        Map<String, String> mine = new HashMap<>(Map.of("topic", "A"));
        RemotingCommand command = command(mine);
        mine.put("topic", "B");
        mine.put("queueId", "3");
        assertEquals(Map.of("topic", "A"), command.extFields());
    }

    @Test
    void fieldsAddedAsNewGrowPastTheExpectedCountAndTheFlatLimit() {
        HeaderFields.Builder builder = HeaderFields.builder(2);
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        for (int i = 0; i < HeaderFields.FLAT_LIMIT + 5; i++) {
            builder.putNew("k" + i, "v" + i);
            expected.put("k" + i, "v" + i);
        }
        HeaderFields fields = builder.build();
        assertEquals(expected, fields);
        assertEquals("v3", fields.get("k3"));
        assertEquals("v36", fields.get("k36"));
    }

    @Test
    void builtFieldsAreKeptAsTheyAre() {
        HeaderFields fields = HeaderFields.builder().put("topic", "A").build();
        RemotingCommand command = command(fields);
        assertSame(fields, command.extFields());
        assertSame(fields, command.withNewOpaque().extFields());
        assertSame(fields, HeaderFields.copyOf(fields));
    }

    @Test
    void theFieldsCannotBeChangedThroughTheCommand() {
        RemotingCommand command = command(new HashMap<>(Map.of("topic", "A")));
        assertThrows(UnsupportedOperationException.class, () -> command.extFields().put("topic", "B"));
        assertThrows(UnsupportedOperationException.class, () -> command.extFields().remove("topic"));
        assertThrows(UnsupportedOperationException.class, () -> command.extFields().entrySet().clear());
        assertThrows(UnsupportedOperationException.class,
                () -> command.extFields().entrySet().iterator().next().setValue("B"));
        assertEquals("A", command.extFields().get("topic"));
    }

    @Test
    void mergingExtraFieldsReplacesAndAddsWithoutTouchingTheOriginal() {
        RemotingCommand command = command(Map.of("topic", "A", "queueId", "1"));
        RemotingCommand merged = command.withExtFields(Map.of("queueId", "2", "MSG_REGION", "DefaultRegion"));
        assertEquals(Map.of("topic", "A", "queueId", "1"), command.extFields());
        assertEquals(Map.of("topic", "A", "queueId", "2", "MSG_REGION", "DefaultRegion"), merged.extFields());
    }

    @Test
    void behavesAsAMapWithInsertionOrder() {
        HeaderFields fields = HeaderFields.builder().put("b", "2").put("a", "1").put("b", "3").put("n", null).build();
        assertEquals(3, fields.size());
        assertEquals(List.of("b", "a", "n"), new ArrayList<>(fields.keySet()));
        assertEquals("3", fields.get("b"));
        assertNull(fields.get("n"));
        assertTrue(fields.containsKey("n"));
        assertFalse(fields.containsKey("z"));
        assertEquals("x", fields.getOrDefault("z", "x"));
        assertNull(fields.get(42));
        Map<String, String> expected = new HashMap<>(Map.of("b", "3", "a", "1"));
        expected.put("n", null);
        assertEquals(expected, fields);
        assertEquals(expected.hashCode(), fields.hashCode());
        assertEquals(Map.of(), command(null).extFields());
        assertTrue(HeaderFields.builder().build().isEmpty());
    }

    @Test
    void manyFieldsMoveToAHashMapAndStillActAsAMap() {
        Random random = new Random(7);
        for (int count : new int[] {HeaderFields.FLAT_LIMIT - 1, HeaderFields.FLAT_LIMIT,
                HeaderFields.FLAT_LIMIT + 1, 5_000}) {
            Map<String, String> expected = new LinkedHashMap<>();
            HeaderFields.Builder builder = HeaderFields.builder();
            for (int i = 0; i < count; i++) {
                String key = "k" + random.nextInt(count);
                expected.put(key, "v" + i);
                builder.put(key, "v" + i);
            }
            HeaderFields fields = builder.build();
            assertEquals(expected, fields, "for " + count + " puts");
            assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(fields.keySet()));
            for (String key : expected.keySet()) {
                assertEquals(expected.get(key), fields.get(key));
            }
        }
    }

    @Test
    void nullKeysAreRefused() {
        assertThrows(NullPointerException.class, () -> HeaderFields.builder().put(null, "v"));
    }
}
