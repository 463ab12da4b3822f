package dev.apogee.remoting.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderFieldsTest {

    private static RemotingCommand command(Map<String, String> fields) {
        return new RemotingCommand(RequestCode.SEND_MESSAGE, LanguageCode.JAVA, 0, 1, 0, null, fields, null,
                SerializeType.JSON);
    }

    @Test
    void aCommandCopiesAMapItWasNotGiven() {
        Map<String, String> mine = new HashMap<>(Map.of("topic", "A"));
        RemotingCommand command = command(mine);
        mine.put("topic", "B");
        mine.put("queueId", "3");
        assertEquals(Map.of("topic", "A"), command.extFields());
    }

    @Test
    void anAdoptedMapIsKeptAsItIs() {
        Map<String, String> fresh = new HashMap<>(Map.of("topic", "A"));
        HeaderFields adopted = HeaderFields.adopt(fresh);
        RemotingCommand command = command(adopted);
        assertSame(adopted, command.extFields());
        // Building from a command's fields again shares them too (withNewOpaque, withSerializeType, ...).
        assertSame(adopted, command.withNewOpaque().extFields());
        assertSame(adopted, HeaderFields.adopt(adopted));
    }

    @Test
    void theFieldsCannotBeChangedThroughTheCommand() {
        RemotingCommand copied = command(new HashMap<>(Map.of("topic", "A")));
        RemotingCommand adopted = command(HeaderFields.adopt(new HashMap<>(Map.of("topic", "A"))));
        for (RemotingCommand command : new RemotingCommand[] {copied, adopted}) {
            assertThrows(UnsupportedOperationException.class, () -> command.extFields().put("topic", "B"));
            assertThrows(UnsupportedOperationException.class, () -> command.extFields().remove("topic"));
            assertThrows(UnsupportedOperationException.class, () -> command.extFields().entrySet().clear());
            assertEquals("A", command.extFields().get("topic"));
        }
    }

    @Test
    void mergingExtraFieldsLeavesTheOriginalAlone() {
        RemotingCommand command = command(Map.of("topic", "A", "queueId", "1"));
        RemotingCommand merged = command.withExtFields(Map.of("queueId", "2", "MSG_REGION", "DefaultRegion"));
        assertEquals(Map.of("topic", "A", "queueId", "1"), command.extFields());
        assertEquals(Map.of("topic", "A", "queueId", "2", "MSG_REGION", "DefaultRegion"), merged.extFields());
    }

    @Test
    void nullValuesAndAbsentKeysReadAsAbsent() {
        Map<String, String> fields = new HashMap<>();
        fields.put("remarkLike", null);
        RemotingCommand command = command(fields);
        assertNull(command.extFields().get("remarkLike"));
        assertEquals("x", command.extFields().getOrDefault("missing", "x"));
        assertEquals(Map.of(), command(null).extFields());
        assertEquals(command(Map.of("a", "1")), command(HeaderFields.adopt(new HashMap<>(Map.of("a", "1")))));
    }
}
