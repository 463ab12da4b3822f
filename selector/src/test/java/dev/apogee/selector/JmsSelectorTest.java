package dev.apogee.selector;

import static dev.apogee.selector.Outcome.FALSE;
import static dev.apogee.selector.Outcome.TRUE;
import static dev.apogee.selector.Outcome.UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Jakarta Messaging 3.1 §3.8.1 rules, one table row per rule. Identifier x is always absent. */
class JmsSelectorTest {

    private static final Map<String, Object> PROPERTIES = Outcome.properties(
        "s", "abc", "t", "true", "empty", "", "q", "it's", "pct", "50%", "under", "a_b",
        "i", 5, "l", 5L, "d", 5.0, "f", 5.5f, "by", (byte) 5, "sh", (short) 5, "zero", 0, "dzero", 0.0,
        "big", Long.MAX_VALUE, "nan", Double.NaN, "b", true, "bf", false,
        "JMSPriority", 9, "größe", 5L, "$x_1", 1L);

    private static Arguments row(String expression, Outcome expected) {
        return Arguments.of(expression, expected);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource
    void threeValuedLogic(String expression, Outcome expected) {
        assertEquals(expected, Outcome.ofJms(expression, PROPERTIES));
    }

    /** U is an UNKNOWN operand: a comparison with the absent x. */
    static Stream<Arguments> threeValuedLogic() {
        return Stream.of(
            row("TRUE AND TRUE", TRUE), row("TRUE AND FALSE", FALSE), row("TRUE AND x = 1", UNKNOWN),
            row("FALSE AND TRUE", FALSE), row("FALSE AND FALSE", FALSE), row("FALSE AND x = 1", FALSE),
            row("x = 1 AND TRUE", UNKNOWN), row("x = 1 AND FALSE", FALSE), row("x = 1 AND x = 1", UNKNOWN),
            row("TRUE OR TRUE", TRUE), row("TRUE OR FALSE", TRUE), row("TRUE OR x = 1", TRUE),
            row("FALSE OR TRUE", TRUE), row("FALSE OR FALSE", FALSE), row("FALSE OR x = 1", UNKNOWN),
            row("x = 1 OR TRUE", TRUE), row("x = 1 OR FALSE", UNKNOWN), row("x = 1 OR x = 1", UNKNOWN),
            row("NOT TRUE", FALSE), row("NOT FALSE", TRUE), row("NOT x = 1", UNKNOWN),
            // NOT binds looser than a comparison, AND tighter than OR.
            row("NOT i = 4", TRUE), row("TRUE OR TRUE AND FALSE", TRUE), row("(TRUE OR TRUE) AND FALSE", FALSE),
            row("NOT NOT TRUE", TRUE), row("FALSE OR FALSE OR FALSE OR TRUE", TRUE),
            // Identifiers as truth values: a Boolean is itself; absent or another type is UNKNOWN.
            row("b", TRUE), row("bf", FALSE), row("x", UNKNOWN), row("s", UNKNOWN), row("i", UNKNOWN),
            row("NOT b", FALSE), row("b AND i = 5", TRUE));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource
    void comparisons(String expression, Outcome expected) {
        assertEquals(expected, Outcome.ofJms(expression, PROPERTIES));
    }

    static Stream<Arguments> comparisons() {
        return Stream.of(
            row("i = 5", TRUE), row("i <> 5", FALSE), row("i > 4", TRUE), row("i >= 5", TRUE), row("i < 5", FALSE),
            row("i <= 5", TRUE), row("5 = i", TRUE), row("4 < i", TRUE),
            // Numeric promotion: byte, short, int, long, float and double compare by value.
            row("i = 5.0", TRUE), row("l = 5", TRUE), row("d = 5", TRUE), row("f = 5.5", TRUE), row("by = 5", TRUE),
            row("sh = 5.0", TRUE), row("l = d", TRUE), row("i = l", TRUE), row("f > i", TRUE),
            row("big = 9223372036854775807", TRUE), row("big > 9.2E18", TRUE), row("l = 5.000000001", FALSE),
            // NaN compares as Java's primitives do.
            row("nan = nan", FALSE), row("nan <> nan", TRUE), row("nan > 0", FALSE), row("nan < 0", FALSE),
            // Strings: exact, case-sensitive, = and <> only.
            row("s = 'abc'", TRUE), row("s = 'ABC'", FALSE), row("s <> 'abd'", TRUE), row("q = 'it''s'", TRUE),
            row("empty = ''", TRUE), row("s > t", FALSE), row("s < t", FALSE),
            // Booleans: = and <> only.
            row("b = TRUE", TRUE), row("b <> FALSE", TRUE), row("bf = FALSE", TRUE), row("b = bf", FALSE), row("b > bf", FALSE),
            // Unlike types: FALSE for every operator, <> included; no string-number or string-boolean conversion.
            row("s = 5", FALSE), row("s <> 5", FALSE), row("NOT (s = 5)", TRUE), row("i = '5'", FALSE),
            row("i <> '5'", FALSE), row("t = TRUE", FALSE), row("t <> TRUE", FALSE), row("b = 1", FALSE),
            row("b <> 1", FALSE), row("i > s", FALSE),
            // NULL: any comparison with an absent identifier is UNKNOWN; IS [NOT] NULL never is.
            row("x = 5", UNKNOWN), row("x <> 5", UNKNOWN), row("x > 5", UNKNOWN), row("5 = x", UNKNOWN),
            row("x = x", UNKNOWN), row("x = 'a'", UNKNOWN), row("x = TRUE", UNKNOWN), row("s = x", UNKNOWN),
            row("x IS NULL", TRUE), row("x IS NOT NULL", FALSE), row("s IS NULL", FALSE), row("s IS NOT NULL", TRUE),
            row("bf IS NOT NULL", TRUE),
            // Headers are identifiers like any other; Unicode and $ in identifiers; case-sensitive names.
            row("JMSPriority > 4", TRUE), row("größe = 5", TRUE), row("$x_1 = 1", TRUE), row("S = 'abc'", UNKNOWN));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource
    void arithmetic(String expression, Outcome expected) {
        assertEquals(expected, Outcome.ofJms(expression, PROPERTIES));
    }

    static Stream<Arguments> arithmetic() {
        return Stream.of(
            row("i + 1 = 6", TRUE), row("i - 1 = 4", TRUE), row("i * 2 = 10", TRUE), row("i / 2 = 2", TRUE),
            row("i / 2.0 = 2.5", TRUE), row("d / 2 = 2.5", TRUE), row("f * 2 = 11", TRUE), row("by + sh = 10", TRUE),
            row("2 + 3 * 4 = 14", TRUE), row("(2 + 3) * 4 = 20", TRUE), row("10 - 2 - 3 = 5", TRUE), row("8 / 2 / 2 = 2", TRUE),
            row("-2 * -3 = 6", TRUE), row("-i = -5", TRUE), row("- -i = 5", TRUE), row("+i = 5", TRUE), row("-(i) = -5", TRUE),
            row("-(-5) = 5", TRUE), row("i * -1 < 0", TRUE),
            // Java semantics: long overflow wraps.
            row("big + 1 < 0", TRUE), row("big + 1 = -9223372036854775808", TRUE),
            // Division by zero, NULL or non-numeric operands: UNKNOWN, never an exception.
            row("i / 0 = 1", UNKNOWN), row("i / zero > 0", UNKNOWN), row("d / 0 = 1", UNKNOWN), row("d / dzero = 1", UNKNOWN),
            row("1.5 / 0.0 > 0", UNKNOWN), row("x + 1 = 1", UNKNOWN), row("s + 1 = 2", UNKNOWN), row("-s = 1", UNKNOWN),
            row("b * 1 = 1", UNKNOWN), row("i / 0 = 1 OR TRUE", TRUE));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource
    void predicates(String expression, Outcome expected) {
        assertEquals(expected, Outcome.ofJms(expression, PROPERTIES));
    }

    static Stream<Arguments> predicates() {
        return Stream.of(
            // BETWEEN is x >= low AND x <= high; NOT BETWEEN is x < low OR x > high (three-valued).
            row("i BETWEEN 1 AND 10", TRUE), row("i BETWEEN 5 AND 5", TRUE), row("i BETWEEN 6 AND 10", FALSE),
            row("i BETWEEN 10 AND 1", FALSE), row("i NOT BETWEEN 6 AND 10", TRUE), row("i NOT BETWEEN 1 AND 10", FALSE),
            row("d BETWEEN 4.5 AND 5", TRUE), row("i BETWEEN l AND d", TRUE), row("i + 1 BETWEEN 2 * 3 AND 7", TRUE),
            row("x BETWEEN 1 AND 10", UNKNOWN), row("x NOT BETWEEN 1 AND 10", UNKNOWN),
            row("i BETWEEN x AND 10", UNKNOWN), row("i BETWEEN x AND 3", FALSE),
            row("i NOT BETWEEN x AND 3", TRUE), row("i NOT BETWEEN x AND 10", UNKNOWN),
            row("s BETWEEN 1 AND 10", FALSE), row("s NOT BETWEEN 1 AND 10", FALSE),
            // IN: string lists; NULL is UNKNOWN; a non-string is an unlike-type comparison, FALSE either way.
            row("s IN ('abc', 'def')", TRUE), row("s IN ('x')", FALSE), row("s NOT IN ('x')", TRUE), row("s NOT IN ('abc')", FALSE),
            row("s IN ('ABC')", FALSE), row("q IN ('it''s')", TRUE), row("x IN ('a')", UNKNOWN), row("x NOT IN ('a')", UNKNOWN),
            row("i IN ('5')", FALSE), row("i NOT IN ('5')", FALSE),
            // LIKE: % any run, _ one char, ESCAPE makes them literal; case-sensitive.
            row("s LIKE 'a%'", TRUE), row("s LIKE '_bc'", TRUE), row("s LIKE 'abc'", TRUE), row("s LIKE 'ab'", FALSE),
            row("s LIKE '%'", TRUE), row("s LIKE '%c'", TRUE), row("s LIKE '%b%'", TRUE), row("s LIKE 'a_c'", TRUE),
            row("s LIKE '___'", TRUE), row("s LIKE '____'", FALSE), row("s LIKE '%%%'", TRUE), row("s LIKE 'A%'", FALSE),
            row("empty LIKE ''", TRUE), row("empty LIKE '%'", TRUE), row("empty LIKE '_'", FALSE), row("s NOT LIKE 'a%'", FALSE),
            row("pct LIKE '50\\%' ESCAPE '\\'", TRUE), row("pct LIKE '5_!%' ESCAPE '!'", TRUE), row("s LIKE 'ab!%' ESCAPE '!'", FALSE),
            row("under LIKE 'a!_b' ESCAPE '!'", TRUE), row("s LIKE 'a!_c' ESCAPE '!'", FALSE), row("q LIKE 'it''_'", TRUE),
            row("pct LIKE '50!!' ESCAPE '!'", FALSE), row("s LIKE '%%' ESCAPE '%'", FALSE), row("pct LIKE '50%%' ESCAPE '%'", TRUE),
            row("x LIKE 'a%'", UNKNOWN), row("x NOT LIKE 'a%'", UNKNOWN), row("i LIKE '5'", FALSE), row("i NOT LIKE '5'", FALSE),
            // Keywords in any case.
            row("s = 'abc' and i = 5", TRUE), row("s is not null", TRUE), row("i Between 1 aNd 10", TRUE), row("true", TRUE),
            row("False", FALSE), row("s not like 'x%'", TRUE), row("s in ('abc')", TRUE), row("not b or b", TRUE));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource
    void literals(String expression, Outcome expected) {
        assertEquals(expected, Outcome.ofJms(expression, PROPERTIES));
    }

    static Stream<Arguments> literals() {
        return Stream.of(
            row("0x10 = 16", TRUE), row("0X1f = 31", TRUE), row("010 = 8", TRUE), row("00 = 0", TRUE), row("5L = 5", TRUE),
            row("0xFFFFFFFFFFFFFFFFL = -1", TRUE), row("-9223372036854775808 = big + 1", TRUE),
            row("1e3 = 1000", TRUE), row("7. = 7", TRUE), row(".5 = 0.5", TRUE), row("1.5f = 1.5", TRUE), row("2.5E-1 = 0.25", TRUE),
            row("-57.9E2 = -5790", TRUE), row("+62 = 62", TRUE), row("1d = 1", TRUE), row("0.0 = 0", TRUE), row("'' = ''", TRUE));
    }

    @Test
    void aBooleanLiteralIsItsOwnSelector() {
        assertTrue(Selector.parse("TRUE", SelectorDialect.JMS).matches(name -> null));
        assertFalse(Selector.parse("FALSE", SelectorDialect.JMS).matches(name -> null));
    }

    @Test
    void arithmeticKeepsJavaTypes() {
        // int / int stays integral; long + int is long; anything with a double is double.
        assertEquals(Outcome.TRUE, Outcome.ofJms("i / 2 = 2 AND l / 2 = 2 AND d / 2 = 2.5", PROPERTIES));
        assertEquals(Outcome.TRUE, Outcome.ofJms("1 / 3 * 3 = 0", PROPERTIES));
        assertEquals(Outcome.TRUE, Outcome.ofJms("1.0 / 4 = 0.25", PROPERTIES));
    }

    @Test
    void resolverSeesIdentifiersExactlyAsWritten() {
        java.util.List<String> asked = new java.util.ArrayList<>();
        Selector.parse("JMSType = 'car' AND jmsType = 'car'", SelectorDialect.JMS).matches(name -> {
            asked.add(name);
            return "car";
        });
        assertEquals(java.util.List.of("JMSType", "jmsType"), asked);
    }
}
