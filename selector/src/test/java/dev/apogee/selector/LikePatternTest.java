package dev.apogee.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LikePatternTest {

    @ParameterizedTest(name = "''{1}'' LIKE ''{0}'' is {2}")
    @CsvSource(delimiter = '|', value = {
        "%|''|true", "_|''|false", "''|''|true", "''|a|false", "a%|abc|true", "%c|abc|true", "%b%|abc|true",
        "a%c|abbbc|true", "a%c|abbbd|false", "a_c|abc|true", "a_c|ac|false", "%a%a%a%|aaa|true", "%a%a%a%|aa|false",
        "%ab%ab|abxab|true", "%ab%ab|abab|true", "%ab%ab|ababa|false", "a%%b|ab|true", "_%_|ab|true", "_%_|a|false"})
    void wildcards(String pattern, String value, boolean expected) {
        assertEquals(expected, LikePattern.compile(pattern, -1).matches(value));
    }

    @Test
    void escapedWildcardsAreLiteral() {
        LikePattern pattern = LikePattern.compile("100!%!_!!", '!');
        assertEquals(true, pattern.matches("100%_!"));
        assertEquals(false, pattern.matches("1000x!"));
    }

    @Test
    void aDanglingEscapeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> LikePattern.compile("abc!", '!'));
    }

    @Test
    void hostilePatternsStayPolynomial() {
        // A backtracking regex needs exponential time for this; the two-pointer scan does not.
        LikePattern pattern = LikePattern.compile("%a%a%a%a%a%a%a%a%a%a%a%a%b", -1);
        String value = "a".repeat(20_000);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertEquals(false, pattern.matches(value)));
    }
}
