package dev.apogee.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every class of malformed JMS selector, with the exact message: the column and what was expected there. */
class InvalidSelectorTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource
    void rejected(String expression, String message) {
        InvalidSelectorException e = assertThrows(InvalidSelectorException.class,
            () -> Selector.parse(expression, SelectorDialect.JMS));
        assertEquals(message, e.getMessage());
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
            // Empty.
            Arguments.of("", "Invalid selector at column 1: the expression is empty"),
            Arguments.of(" \t\n", "Invalid selector at column 1: the expression is empty"),
            // Unbalanced parentheses.
            Arguments.of("(a = 1", "Invalid selector at column 7: expected ')' to close the '(' at column 1 but found end of expression"),
            Arguments.of("((a = 1) OR b", "Invalid selector at column 14: expected ')' to close the '(' at column 1 but found end of expression"),
            Arguments.of("a = 1)", "Invalid selector at column 6: expected AND, OR or end of expression but found ')'"),
            Arguments.of("()", "Invalid selector at column 2: expected an identifier, literal or '(' but found ')'"),
            // Unknown operators and characters.
            Arguments.of("a != 1", "Invalid selector at column 3: unknown operator '!='; the not-equal operator is '<>'"),
            Arguments.of("a = 1 && b = 2", "Invalid selector at column 7: unknown operator '&&'; use AND"),
            Arguments.of("a = 1 || b = 2", "Invalid selector at column 7: unknown operator '||'; use OR"),
            Arguments.of("a == 1", "Invalid selector at column 4: expected an identifier, literal or '(' but found '='"),
            Arguments.of("a % 2 = 0", "Invalid selector at column 3: unexpected character '%'"),
            Arguments.of("a = \"x\"", "Invalid selector at column 5: string literals are enclosed in single quotes, not '\"'"),
            Arguments.of("a = 1 b = 2", "Invalid selector at column 7: expected AND, OR or end of expression but found identifier b"),
            Arguments.of("a = 1 = 2", "Invalid selector at column 7: expected AND, OR or end of expression but found '='"),
            Arguments.of("a = 1 AND", "Invalid selector at column 10: expected an identifier, literal or '(' but found end of expression"),
            Arguments.of("a NOT 5", "Invalid selector at column 7: expected BETWEEN, IN or LIKE after NOT but found number 5"),
            Arguments.of("a IS 5", "Invalid selector at column 6: expected NULL or NOT NULL after IS but found number 5"),
            Arguments.of("a IS NOT 5", "Invalid selector at column 10: expected NULL but found number 5"),
            Arguments.of("a BETWEEN 1 10", "Invalid selector at column 13: expected AND between the bounds of BETWEEN but found number 10"),
            Arguments.of("a CONTAINS 'x'", "Invalid selector at column 3: expected AND, OR or end of expression but found identifier CONTAINS"),
            // Bad literals.
            Arguments.of("a = 'abc", "Invalid selector at column 5: string literal is not closed (expected a closing quote)"),
            Arguments.of("a = 'it''s", "Invalid selector at column 5: string literal is not closed (expected a closing quote)"),
            Arguments.of("a = 09", "Invalid selector at column 5: malformed octal literal '09' (a leading 0 means octal)"),
            Arguments.of("a = 5x", "Invalid selector at column 5: malformed number '5x'"),
            Arguments.of("a = 1.5e", "Invalid selector at column 5: malformed number '1.5e'"),
            Arguments.of("a = 0x", "Invalid selector at column 5: malformed hexadecimal literal (expected hex digits after 0x)"),
            Arguments.of("a = 9223372036854775808", "Invalid selector at column 5: number 9223372036854775808 is out of the range of a long"),
            Arguments.of("a = 0x1FFFFFFFFFFFFFFFF", "Invalid selector at column 5: number 0x1FFFFFFFFFFFFFFFF is out of the range of a long"),
            Arguments.of("a = 1e999", "Invalid selector at column 5: number 1e999 is out of the range of a double"),
            Arguments.of("a = 1.2.3", "Invalid selector at column 8: expected AND, OR or end of expression but found number .3"),
            // LIKE and ESCAPE.
            Arguments.of("a LIKE 'x' ESCAPE 'ab'", "Invalid selector at column 19: the ESCAPE character must be exactly one character, found 2 in 'ab'"),
            Arguments.of("a LIKE 'x' ESCAPE ''", "Invalid selector at column 19: the ESCAPE character must be exactly one character, found 0 in ''"),
            Arguments.of("a LIKE 'x!' ESCAPE '!'", "Invalid selector at column 8: bad LIKE pattern: the pattern ends with its escape character"),
            Arguments.of("a LIKE 'x' ESCAPE 5", "Invalid selector at column 19: expected a one-character string literal after ESCAPE but found number 5"),
            Arguments.of("a LIKE 5", "Invalid selector at column 8: expected a string literal pattern after LIKE but found number 5"),
            Arguments.of("a LIKE b", "Invalid selector at column 8: expected a string literal pattern after LIKE but found identifier b"),
            // Reserved words as identifiers.
            Arguments.of("NULL = 1", "Invalid selector at column 1: expected an identifier, literal or '(' but found reserved word NULL (NULL is only allowed in IS [NOT] NULL)"),
            Arguments.of("a = null", "Invalid selector at column 5: expected an identifier, literal or '(' but found reserved word NULL (NULL is only allowed in IS [NOT] NULL)"),
            Arguments.of("and = 1", "Invalid selector at column 1: expected an identifier, literal or '(' but found reserved word AND, which cannot be used as an identifier"),
            Arguments.of("Or = 1", "Invalid selector at column 1: expected an identifier, literal or '(' but found reserved word OR, which cannot be used as an identifier"),
            Arguments.of("a = between", "Invalid selector at column 5: expected an identifier, literal or '(' but found reserved word BETWEEN, which cannot be used as an identifier"),
            Arguments.of("like = 'x'", "Invalid selector at column 1: expected an identifier, literal or '(' but found reserved word LIKE, which cannot be used as an identifier"),
            Arguments.of("in = 'x'", "Invalid selector at column 1: expected an identifier, literal or '(' but found reserved word IN, which cannot be used as an identifier"),
            Arguments.of("is = 'x'", "Invalid selector at column 1: expected an identifier, literal or '(' but found reserved word IS, which cannot be used as an identifier"),
            Arguments.of("escape = 'x'", "Invalid selector at column 1: expected an identifier, literal or '(' but found reserved word ESCAPE, which cannot be used as an identifier"),
            Arguments.of("a = 1 AND not", "Invalid selector at column 14: expected an identifier, literal or '(' but found end of expression"),
            Arguments.of("TRUE IS NULL", "Invalid selector at column 1: IS NULL applies to an identifier only, found a boolean literal before reserved word IS"),
            Arguments.of("false LIKE 'x'", "Invalid selector at column 1: LIKE applies to an identifier only, found a boolean literal before reserved word LIKE"),
            // Operands of the wrong kind.
            Arguments.of("5", "Invalid selector at column 1: expected a boolean expression (a comparison, TRUE, FALSE or an identifier) but found a numeric literal"),
            Arguments.of("'x'", "Invalid selector at column 1: expected a boolean expression (a comparison, TRUE, FALSE or an identifier) but found a string literal"),
            Arguments.of("a + 1", "Invalid selector at column 1: expected a boolean expression (a comparison, TRUE, FALSE or an identifier) but found an arithmetic expression"),
            Arguments.of("NOT 5", "Invalid selector at column 5: expected a boolean expression (a comparison, TRUE, FALSE or an identifier) but found a numeric literal"),
            Arguments.of("a = 1 OR 'x'", "Invalid selector at column 10: expected a boolean expression (a comparison, TRUE, FALSE or an identifier) but found a string literal"),
            Arguments.of("a + 'x' = 1", "Invalid selector at column 5: '+' needs numeric operands but found a string literal"),
            Arguments.of("-'x' = 1", "Invalid selector at column 2: 'unary -' needs numeric operands but found a string literal"),
            Arguments.of("'a' < 'b'", "Invalid selector at column 1: '<' needs numeric operands but found a string literal"),
            Arguments.of("a > TRUE", "Invalid selector at column 5: '>' needs numeric operands but found a boolean literal"),
            Arguments.of("(a = 1) * 2 = 2", "Invalid selector at column 2: '*' needs numeric operands but found a boolean expression"),
            Arguments.of("a BETWEEN 'a' AND 'z'", "Invalid selector at column 11: 'BETWEEN' needs numeric operands but found a string literal"),
            Arguments.of("a + 1 IN ('x')", "Invalid selector at column 1: IN applies to an identifier only, found an arithmetic expression before reserved word IN"),
            Arguments.of("a IN ()", "Invalid selector at column 7: expected a string literal in the IN list but found ')'"),
            Arguments.of("a IN ('x', 1)", "Invalid selector at column 12: expected a string literal in the IN list but found number 1"),
            Arguments.of("a IN ('x' 'y')", "Invalid selector at column 11: expected ',' or ')' in the IN list but found string literal 'y'"),
            Arguments.of("a IN 'x'", "Invalid selector at column 6: expected '(' to open the IN list but found string literal 'x'"));
    }

    @Test
    void columnAndReasonAreAvailableSeparately() {
        InvalidSelectorException e = assertThrows(InvalidSelectorException.class,
            () -> Selector.parse("a = 1 AND (b = 2", SelectorDialect.JMS));
        assertEquals(17, e.column());
        assertEquals("expected ')' to close the '(' at column 11 but found end of expression", e.reason());
    }

    @Test
    void columnsCountLineBreaksAsChars() {
        InvalidSelectorException e = assertThrows(InvalidSelectorException.class,
            () -> Selector.parse("a = 1\nAND b !", SelectorDialect.JMS));
        assertEquals(13, e.column());
    }

    @Test
    void nullArgumentsAreProgrammingErrors() {
        assertThrows(NullPointerException.class, () -> Selector.parse(null, SelectorDialect.JMS));
        assertThrows(NullPointerException.class, () -> Selector.parse("a = 1", null));
    }
}
