package dev.apogee.selector;

import static dev.apogee.selector.Outcome.ERROR;
import static dev.apogee.selector.Outcome.FALSE;
import static dev.apogee.selector.Outcome.TRUE;
import static dev.apogee.selector.Outcome.UNKNOWN;
import static dev.apogee.selector.Outcome.properties;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ROCKETMQ dialect against what Apache RocketMQ's broker does with a {@code MessageSelector.bySql}
 * subscription. Each group states the fact it checks and the Apache file it was read from (paths under
 * {@code filter/src/main/java/org/apache/rocketmq/filter/} unless given in full). ERROR means Apache's
 * evaluation throws: its broker then counts the message as not matching
 * ({@code broker/.../filter/ExpressionMessageFilter.java}, isMatchedByCommitLog).
 */
class RocketMqSelectorTest {

    private static Arguments row(String expression, Map<String, Object> properties, Outcome expected) {
        return Arguments.of(expression, properties, expected);
    }

    private static Map<String, Object> a(String value) {
        return properties("a", value);
    }

    private static final Map<String, Object> NONE = Map.of();

    @ParameterizedTest(name = "{0} with {1} is {2}")
    @MethodSource
    void stringPropertyAgainstNumericLiteral(String expression, Map<String, Object> properties, Outcome expected) {
        assertEquals(expected, Outcome.ofRocketMq(expression, properties));
    }

    /**
     * expression/ComparisonExpression.java (__compare, with convertStringExpressions always on, set by
     * parser/SelectorParser.jj's parse method): a string meeting a number is converted with the number's
     * type's valueOf, and a NumberFormatException becomes an evaluation error.
     * expression/ConstantExpression.java (createFromDecimal): a decimal literal is an Integer when it fits
     * an int, else a Long, with an optional L suffix; createFloat makes a Double.
     */
    static Stream<Arguments> stringPropertyAgainstNumericLiteral() {
        return Stream.of(
            row("a = 5", a("5"), TRUE), row("a = 5", a("+5"), TRUE), row("a = 5", a("05"), TRUE), row("a = 5", a("6"), FALSE),
            row("a = 5", a("5.0"), ERROR), row("a = 5", a(" 5"), ERROR), row("a = 5", a("abc"), ERROR), row("a = 5", a(""), ERROR),
            row("5 = a", a("5"), TRUE), row("5 = a", a("x"), ERROR),
            // Integer.valueOf cannot read 3000000000; Long.valueOf can.
            row("a = 5", a("3000000000"), ERROR), row("a = 3000000000", a("5"), FALSE),
            row("a = 3000000000", a("3000000000"), TRUE), row("a = 5L", a("3000000000"), ERROR),
            row("a = 9223372036854775807", a("9223372036854775807"), TRUE),
            // Double.valueOf trims blanks and reads exponents.
            row("a = 5.0", a("5"), TRUE), row("a = 5.0", a(" 5 "), TRUE), row("a = 1000.0", a("1e3"), TRUE),
            row("a = 5.5", a("abc"), ERROR), row("a = -5", a("-5"), TRUE),
            // Ordering operators follow the same conversion ...
            row("a > 5", a("7"), TRUE), row("a > 5", a("5.5"), ERROR), row("a > 5.0", a("5.5"), TRUE), row("a <= 5", a("5"), TRUE),
            row("a >= 5", a("4"), FALSE), row("a < 3000000000", a("5"), TRUE),
            // ... and two strings (two properties) are both read with Double.valueOf (ComparisonExpression.evaluate).
            row("a > b", properties("a", "10", "b", "9.5"), TRUE), row("a > b", properties("a", "x", "b", "1"), ERROR),
            row("a = b", properties("a", "1", "b", "1.0"), FALSE));
    }

    @ParameterizedTest(name = "{0} with {1} is {2}")
    @MethodSource
    void nullHandling(String expression, Map<String, Object> properties, Outcome expected) {
        assertEquals(expected, Outcome.ofRocketMq(expression, properties));
    }

    /**
     * expression/ComparisonExpression.java (doCreateEqual, evaluate): for =, both sides NULL is TRUE,
     * only the left NULL is UNKNOWN, only the right NULL is FALSE; <> is NOT of =; IS NULL is = with a
     * NULL constant. Ordering operators are UNKNOWN when either side is NULL. A missing property is NULL
     * (broker/.../filter/MessageEvaluationContext.java reads the property map).
     * expression/LogicExpression.java: AND and OR are three-valued.
     */
    static Stream<Arguments> nullHandling() {
        return Stream.of(
            row("a = 5", NONE, UNKNOWN), row("a <> 5", NONE, UNKNOWN), row("a > 5", NONE, UNKNOWN), row("5 > a", NONE, UNKNOWN),
            row("5 = a", NONE, FALSE), row("'x' = a", NONE, FALSE), row("'x' <> a", NONE, TRUE),
            row("a = b", NONE, TRUE), row("a <> b", NONE, FALSE), row("a = b", a("1"), FALSE), row("b = a", a("1"), UNKNOWN),
            row("a IS NULL", NONE, TRUE), row("a IS NOT NULL", NONE, FALSE), row("a IS NULL", a(""), FALSE),
            row("5 IS NULL", NONE, FALSE), row("NULL IS NULL", NONE, TRUE), row("NULL", NONE, UNKNOWN), row("NOT NULL", NONE, UNKNOWN),
            row("TRUE AND a = 1", NONE, UNKNOWN), row("FALSE AND a = 1", NONE, FALSE), row("TRUE OR a = 1", NONE, TRUE),
            row("FALSE OR a = 1", NONE, UNKNOWN), row("NOT (a = 1)", NONE, UNKNOWN));
    }

    @ParameterizedTest(name = "{0} with {1} is {2}")
    @MethodSource
    void errorsEndTheWholeEvaluation(String expression, Map<String, Object> properties, Outcome expected) {
        assertEquals(expected, Outcome.ofRocketMq(expression, properties));
    }

    /**
     * expression/LogicExpression.java: AND and OR evaluate left to right and stop at a deciding operand,
     * so an error counts only if reached; broker/.../filter/ExpressionMessageFilter.java: any error means
     * no match, even where the rest of the expression would match.
     */
    static Stream<Arguments> errorsEndTheWholeEvaluation() {
        Map<String, Object> ab = properties("a", "z", "b", "x");
        return Stream.of(
            row("a > 1 OR b = 'x'", ab, ERROR), row("b = 'x' OR a > 1", ab, TRUE),
            row("b = 'y' AND a > 1", ab, FALSE), row("a > 1 AND b = 'y'", ab, ERROR),
            row("NOT (a > 1)", ab, ERROR), row("(a > 1) IS NULL", ab, ERROR));
    }

    @ParameterizedTest(name = "{0} with {1} is {2}")
    @MethodSource
    void booleans(String expression, Map<String, Object> properties, Outcome expected) {
        assertEquals(expected, Outcome.ofRocketMq(expression, properties));
    }

    /**
     * expression/ComparisonExpression.java (__compare): a string on the left of a Boolean is read with
     * Boolean.valueOf (true only for "true", any case); a Boolean on the left of a string fails with a
     * ClassCastException (the wrong operand is cast), i.e. an error; a Boolean against a number is
     * "less" (-1), so = is FALSE. expression/UnaryExpression.java (createBooleanCast): an identifier used
     * as a truth value is NULL if absent, FALSE unless its value is a Boolean, and properties are strings.
     * parser/SelectorParser.jj: NOT is a unary operator binding tighter than comparisons.
     */
    static Stream<Arguments> booleans() {
        return Stream.of(
            row("a = TRUE", a("true"), TRUE), row("a = TRUE", a("TRUE"), TRUE), row("a = TRUE", a("yes"), FALSE),
            row("a = FALSE", a("xyz"), TRUE), row("TRUE = a", a("true"), ERROR), row("TRUE", NONE, TRUE), row("FALSE", NONE, FALSE),
            row("a", a("true"), FALSE), row("a", NONE, UNKNOWN), row("NOT a", a("true"), TRUE), row("a OR TRUE", a("true"), TRUE),
            // (NOT a) = 'x': a Boolean against a string on its right, an error.
            row("NOT a = 'x'", a("x"), ERROR), row("NOT (a = 'x')", a("x"), FALSE),
            // (NOT a) = 1: a Boolean against a number, FALSE.
            row("NOT a = 1", a("1"), FALSE), row("5 = TRUE", NONE, FALSE), row("TRUE = FALSE", NONE, FALSE),
            row("a = 1 = TRUE", a("1"), TRUE), row("(a = 1) = (a = 2)", a("1"), FALSE));
    }

    @ParameterizedTest(name = "{0} with {1} is {2}")
    @MethodSource
    void predicates(String expression, Map<String, Object> properties, Outcome expected) {
        assertEquals(expected, Outcome.ofRocketMq(expression, properties));
    }

    /**
     * IN (expression/UnaryExpression.java, createInExpression): NULL or a non-string is UNKNOWN for IN and
     * NOT IN alike. CONTAINS, STARTSWITH, ENDSWITH and NOT forms (expression/ComparisonExpression.java,
     * the 5.x Contains/StartsWith/EndsWith classes): an empty search text, an absent or non-string
     * operand give FALSE for both forms; otherwise String.contains/startsWith/endsWith, case-sensitive.
     * BETWEEN (ComparisonExpression.createBetween): x >= low AND x <= high, NOT BETWEEN x < low OR x > high.
     * Unary minus (UnaryExpression.createNegate): NULL for anything but a number, so for every property.
     */
    static Stream<Arguments> predicates() {
        return Stream.of(
            row("a IN ('x', 'y')", a("x"), TRUE), row("a IN ('x', 'y')", a("z"), FALSE), row("a NOT IN ('x')", a("z"), TRUE),
            row("a NOT IN ('x')", a("x"), FALSE), row("a IN ('x')", NONE, UNKNOWN), row("a NOT IN ('x')", NONE, UNKNOWN),
            row("a IN ('X')", a("x"), FALSE), row("(a) IN ('x')", a("x"), TRUE),
            row("a IN ('1', '2', '3', '4', '5', '6')", a("6"), TRUE),
            row("a CONTAINS 'b'", a("abc"), TRUE), row("a CONTAINS 'B'", a("abc"), FALSE), row("a CONTAINS 'b'", NONE, FALSE),
            row("a NOT CONTAINS 'b'", NONE, FALSE), row("NOT (a CONTAINS 'b')", NONE, TRUE), row("a NOT CONTAINS 'b'", a("xyz"), TRUE),
            row("a CONTAINS ''", a("abc"), FALSE), row("a NOT CONTAINS ''", a("abc"), FALSE),
            row("a STARTSWITH 'ab'", a("abc"), TRUE), row("a STARTSWITH 'bc'", a("abc"), FALSE), row("a NOT STARTSWITH 'bc'", a("abc"), TRUE),
            row("a ENDSWITH 'bc'", a("abc"), TRUE), row("a NOT ENDSWITH 'bc'", a("abc"), FALSE), row("a ENDSWITH 'x'", NONE, FALSE),
            row("a contains 'b' and a startswith 'a' and a endswith 'c'", a("abc"), TRUE), row("5 CONTAINS '5'", NONE, FALSE),
            row("a BETWEEN 1 AND 10", a("5"), TRUE), row("a BETWEEN 1 AND 10", a("11"), FALSE), row("a BETWEEN 1 AND 10", a("5.5"), ERROR),
            row("a BETWEEN 1.0 AND 10", a("5.5"), ERROR), row("a BETWEEN 1.0 AND 10.0", a("5.5"), TRUE), row("a NOT BETWEEN 1 AND 10", a("11"), TRUE),
            row("a NOT BETWEEN 1 AND 10", a("5"), FALSE), row("a BETWEEN 1 AND 10", NONE, UNKNOWN),
            row("a BETWEEN -1 AND -10", a("5"), FALSE), row("a NOT BETWEEN 10 AND 1", a("5"), TRUE),
            row("-a > 1", a("5"), UNKNOWN), row("a = -a", a("5"), FALSE), row("a = --5", a("5"), TRUE), row("a = -5", a("-5"), TRUE));
    }

    @ParameterizedTest(name = "{0} with {1} is {2}")
    @MethodSource
    void lexicalAndTrailingText(String expression, Map<String, Object> properties, Outcome expected) {
        // Outcome wraps the expression in parentheses, so trailing text must stay outside; test directly.
        boolean matches = Selector.parse(expression, SelectorDialect.ROCKETMQ).matches(properties::get);
        assertEquals(expected == TRUE, matches);
    }

    /**
     * parser/SelectorParser.jj: the start rule has no end-of-input token, so text after a complete
     * expression is ignored (only the next token is lexed); DECIMAL_LITERAL is "0" or [1-9][0-9]*[lL]?, so
     * 007 and 0L are several tokens of which only the first 0 counts; "--" starts a comment only when a
     * line break ends it, else it is two minus signs; block comments; LIKE is not a keyword there (it was
     * removed from the grammar), CONTAINS is; identifiers are ASCII letters, digits, _ and $.
     */
    static Stream<Arguments> lexicalAndTrailingText() {
        return Stream.of(
            row("a = 1)", a("1"), TRUE), row("a = 1 b", a("1"), TRUE), row("a = 1 b = 2 )))", a("1"), TRUE),
            row("a LIKE 'x'", a("x"), FALSE), row("a = 007", a("0"), TRUE), row("a = 0L", a("0"), TRUE),
            row("a = 'x' -- a note\n AND b = 'y'", properties("a", "x", "b", "y"), TRUE),
            row("a = 'x' -- a note\n AND b = 'y'", properties("a", "x", "b", "z"), FALSE),
            row("a = --1", a("1"), TRUE), row("a = 'x' /* note */ AND b = '1'", properties("a", "x", "b", "1"), TRUE),
            row("like = 'x'", properties("like", "x"), TRUE), row("$x_1 = 'v'", properties("$x_1", "v"), TRUE),
            row("a = 'it''s'", a("it's"), TRUE), row("A = 'x'", a("x"), FALSE), row("a = .5", a("0.5"), TRUE),
            row("a = 5.", a("5"), TRUE), row("a = 5E1", a("50"), TRUE), row("a\t=\r\n'x'", a("x"), TRUE));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource
    void rejectedLikeApache(String expression, String reason) {
        InvalidSelectorException e = assertThrows(InvalidSelectorException.class,
            () -> Selector.parse(expression, SelectorDialect.ROCKETMQ));
        assertEquals(true, e.getMessage().contains(reason), e.getMessage());
    }

    /**
     * Parse-time checks of Apache's filter: SelectorParser.jj (asBooleanExpression: the selector and the
     * operands of AND, OR and NOT are boolean; IN lists hold string literals; no * or /),
     * ComparisonExpression.java (checkLessThanOperand, checkEqualOperand, checkEqualOperandCompatability,
     * createBetween's bound check, createInFilter's identifier check), ConstantExpression.java (decimal
     * literals within a long; createFloat refuses values above Double.MAX_VALUE or below
     * Double.MIN_VALUE, zero included).
     */
    static Stream<Arguments> rejectedLikeApache() {
        return Stream.of(
            Arguments.of("1", "expected a boolean expression"), Arguments.of("'x'", "expected a boolean expression"),
            Arguments.of("a = 1 AND 5", "expected a boolean expression"), Arguments.of("NOT 5", "expected a boolean expression"),
            Arguments.of("-a", "expected a boolean expression"),
            Arguments.of("a = NULL", "NULL cannot be compared"), Arguments.of("NULL <> a", "NULL cannot be compared"),
            Arguments.of("a > 'x'", "compares numbers only"), Arguments.of("a > TRUE", "compares numbers only"),
            Arguments.of("a < NULL", "compares numbers only"), Arguments.of("a > 1 > 2", "compares numbers only"),
            Arguments.of("a BETWEEN 'a' AND 'z'", "compares numbers only"),
            Arguments.of("TRUE = 5", "a boolean literal cannot be compared with a numeric literal"),
            Arguments.of("FALSE = 'x'", "a boolean literal cannot be compared with a string literal"),
            Arguments.of("a BETWEEN 10 AND 1", "must not be greater than the upper bound"),
            Arguments.of("a BETWEEN +10 AND 1", "must not be greater than the upper bound"),
            Arguments.of("a BETWEEN 1.5 AND 1", "must not be greater than the upper bound"),
            Arguments.of("a BETWEEN NULL AND 1", "cannot be NULL"),
            Arguments.of("-a IN ('x')", "IN applies to an identifier only"), Arguments.of("a IN (1)", "a string literal in the IN list"),
            Arguments.of("a IN ()", "a string literal in the IN list"),
            Arguments.of("a = 0.0", "less than the smallest positive double"), Arguments.of("a = 1E-400", "less than the smallest positive double"),
            Arguments.of("a = 1E400", "greater than the largest double"),
            Arguments.of("a = 99999999999999999999", "out of the range of a long"),
            Arguments.of("a * 2 = 4", "the ROCKETMQ dialect has no arithmetic"), Arguments.of("a / 2 = 4", "no arithmetic"),
            Arguments.of("contains = 'x'", "reserved word CONTAINS"), Arguments.of("a CONTAINS b", "a string literal after CONTAINS"),
            Arguments.of("ä = 1", "unexpected character 'ä'"), Arguments.of("a.b = 1", "unexpected character '.'"),
            Arguments.of("a = 1 NOT b", "CONTAINS, STARTSWITH, ENDSWITH, BETWEEN or IN after NOT"),
            Arguments.of("a = 1 #", "unexpected character '#'"), Arguments.of("a = 1 /* open", "comment is not closed"),
            Arguments.of("a == 1", "expected an identifier, literal or '(' but found '='"), Arguments.of("(a = 1", "expected ')'"),
            Arguments.of("a IS 1", "NULL or NOT NULL after IS"), Arguments.of("", "the expression is empty"),
            Arguments.of("-- only a comment\n", "the expression is empty"));
    }
}
