package dev.apogee.remoting.protocol.header;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HeaderCodecTest {

    public enum Color { RED, GREEN }

    /** One component of every supported type, all required. */
    public record EveryType(String text, int intValue, Integer boxedInt, long longValue, Long boxedLong,
                            short shortValue, Short boxedShort, boolean flag, Boolean boxedFlag, Color color)
            implements CommandHeader {
    }

    /** Wire names that differ from the component names, as SEND_MESSAGE_V2 uses. */
    public record Renamed(@WireName("a") String producerGroup, @WireName("b") String topic,
                          @WireName("e") int queueId) implements CommandHeader {
    }

    /** Optional components of each kind. */
    public record Optionals(String required, @OptionalField String text, @OptionalField int count,
                            @OptionalField Long offset, @OptionalField boolean flag, @OptionalField Boolean boxedFlag,
                            @OptionalField Color color) implements CommandHeader {
    }

    /** Validates in its compact constructor, as protocol headers do. */
    public record Validated(String topic) implements CommandHeader {
        public Validated {
            if (topic.isBlank()) {
                throw new IllegalArgumentException("topic is blank");
            }
        }
    }

    /** Two components under one wire name: a mistake the codec refuses rather than send one of them. */
    public record Clashing(@WireName("a") String first, @WireName("a") String second) implements CommandHeader {
    }

    @Test
    void aRecordNamingTwoComponentsAlikeOnTheWireIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> HeaderCodec.encode(new Clashing("x", "y")));
        assertTrue(refused.getMessage().contains("'a'"), refused.getMessage());
    }

    @Test
    void encodesEveryTypeWithToStringAndEnumsByName() {
        EveryType header = new EveryType("t", -7, 8, Long.MAX_VALUE, -1L, (short) 300, (short) -2, true, false,
                Color.GREEN);

        Map<String, String> fields = HeaderCodec.encode(header);

        assertEquals(Map.of("text", "t", "intValue", "-7", "boxedInt", "8", "longValue", "9223372036854775807",
                "boxedLong", "-1", "shortValue", "300", "boxedShort", "-2", "flag", "true", "boxedFlag", "false",
                "color", "GREEN"), fields);
    }

    @Test
    void roundTripsEveryType() {
        EveryType header = new EveryType("a b\u00e9", Integer.MIN_VALUE, Integer.MAX_VALUE, Long.MIN_VALUE, 0L,
                Short.MIN_VALUE, Short.MAX_VALUE, false, true, Color.RED);

        assertEquals(header, HeaderCodec.decode(HeaderCodec.encode(header), EveryType.class));
    }

    @Test
    void usesWireNames() {
        Renamed header = new Renamed("group", "topic", 3);

        Map<String, String> fields = HeaderCodec.encode(header);

        assertEquals(Map.of("a", "group", "b", "topic", "e", "3"), fields);
        assertEquals(header, HeaderCodec.decode(fields, Renamed.class));
    }

    @Test
    void componentNameIsNotAcceptedInPlaceOfTheWireName() {
        HeaderException e = assertThrows(HeaderException.class, () -> HeaderCodec.decode(
                Map.of("producerGroup", "g", "b", "t", "e", "1"), Renamed.class));

        assertTrue(e.getMessage().contains("'a'"), e.getMessage());
    }

    @Test
    void absentOptionalFieldsDecodeToNullOrZero() {
        Optionals header = HeaderCodec.decode(Map.of("required", "r"), Optionals.class);

        assertEquals(new Optionals("r", null, 0, null, false, null, null), header);
    }

    @Test
    void nullOptionalFieldsAreNotWritten() {
        Map<String, String> fields = HeaderCodec.encode(new Optionals("r", null, 5, null, true, null, null));

        assertEquals(Map.of("required", "r", "count", "5", "flag", "true"), fields);
    }

    @Test
    void presentOptionalFieldsAreDecoded() {
        Optionals header = HeaderCodec.decode(Map.of("required", "r", "text", "x", "count", "2", "offset", "99",
                "flag", "TRUE", "boxedFlag", "False", "color", "RED"), Optionals.class);

        assertEquals(new Optionals("r", "x", 2, 99L, true, false, Color.RED), header);
    }

    @Test
    void missingRequiredFieldIsNamed() {
        Map<String, String> fields = new HashMap<>(HeaderCodec.encode(new Renamed("g", "t", 1)));
        fields.remove("b");

        HeaderException e = assertThrows(HeaderException.class, () -> HeaderCodec.decode(fields, Renamed.class));

        assertTrue(e.getMessage().contains("'b'"), e.getMessage());
    }

    @Test
    void missingRequiredPrimitiveIsNamedNotDefaulted() {
        HeaderException e = assertThrows(HeaderException.class,
                () -> HeaderCodec.decode(Map.of("a", "g", "b", "t"), Renamed.class));

        assertTrue(e.getMessage().contains("'e'"), e.getMessage());
    }

    @Test
    void nullExtFieldsMeansEverythingIsMissing() {
        HeaderException e = assertThrows(HeaderException.class, () -> HeaderCodec.decode(null, Optionals.class));

        assertTrue(e.getMessage().contains("'required'"), e.getMessage());
    }

    @ParameterizedTest(name = "{0} = ''{1}''")
    @CsvSource({
        "intValue, x",
        "intValue, 2147483648",
        "intValue, 1.5",
        "intValue, ''",
        "boxedInt, 0x10",
        "longValue, 9223372036854775808",
        "boxedLong, one",
        "shortValue, 32768",
        "boxedShort, -",
        "flag, yes",
        "flag, 1",
        "boxedFlag, ''",
        "color, BLUE",
        "color, red",
    })
    void badValueIsNamed(String field, String value) {
        Map<String, String> fields = new HashMap<>(HeaderCodec.encode(new EveryType("t", 1, 2, 3L, 4L, (short) 5,
                (short) 6, true, true, Color.RED)));
        fields.put(field, value);

        HeaderException e = assertThrows(HeaderException.class, () -> HeaderCodec.decode(fields, EveryType.class));

        assertTrue(e.getMessage().contains("'" + field + "'"), e.getMessage());
    }

    @Test
    void numbersAndBooleansMayCarrySurroundingBlanks() {
        Map<String, String> fields = new HashMap<>(HeaderCodec.encode(new EveryType(" t ", 1, 2, 3L, 4L,
                (short) 5, (short) 6, true, true, Color.RED)));
        fields.put("intValue", " 12 ");
        fields.put("flag", "false ");

        EveryType header = HeaderCodec.decode(fields, EveryType.class);

        assertEquals(12, header.intValue());
        assertFalse(header.flag());
        assertEquals(" t ", header.text(), "strings are taken verbatim");
    }

    @Test
    void unknownExtraKeysAreIgnored() {
        Map<String, String> fields = new HashMap<>(HeaderCodec.encode(new Renamed("g", "t", 1)));
        fields.put("bname", "broker-a");
        fields.put("lo", "true");
        fields.put("ReqT", "0");

        assertEquals(new Renamed("g", "t", 1), HeaderCodec.decode(fields, Renamed.class));
    }

    @Test
    void constructorValidationBecomesHeaderException() {
        HeaderException e = assertThrows(HeaderException.class,
                () -> HeaderCodec.decode(Map.of("topic", " "), Validated.class));

        assertTrue(e.getMessage().contains("topic is blank"), e.getMessage());
    }

    @Test
    void emptyStringIsAPresentStringValue() {
        Optionals header = HeaderCodec.decode(Map.of("required", "", "text", ""), Optionals.class);

        assertEquals("", header.required());
        assertEquals("", header.text());
        assertNull(header.offset());
    }
}
