package dev.apogee.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Hostile sizes and nestings: an InvalidSelectorException or a working selector, never a StackOverflowError. */
class SelectorLimitsTest {

    private static final Map<String, Object> A_IS_1 = Map.of("a", "1");

    private static String repeat(String prefix, String unit, String separator, int count, String suffix) {
        StringBuilder builder = new StringBuilder(prefix);
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                builder.append(separator);
            }
            builder.append(unit);
        }
        return builder.append(suffix).toString();
    }

    private static InvalidSelectorException rejected(String expression, SelectorDialect dialect, SelectorLimits limits) {
        return assertThrows(InvalidSelectorException.class, () -> Selector.parse(expression, dialect, limits));
    }

    @ParameterizedTest
    @EnumSource(SelectorDialect.class)
    void tenThousandNestedParenthesesAreTooDeep(SelectorDialect dialect) {
        String expression = "(".repeat(10_000) + "a = '1'" + ")".repeat(10_000);
        InvalidSelectorException e = rejected(expression, dialect, SelectorLimits.DEFAULT);
        assertEquals("Invalid selector at column 129: expression nests deeper than 128 levels", e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(SelectorDialect.class)
    void nestingUpToTheLimitWorks(SelectorDialect dialect) {
        String expression = "(".repeat(100) + "a = '1'" + ")".repeat(100);
        assertTrue(Selector.parse(expression, dialect).matches(A_IS_1::get));
    }

    @ParameterizedTest
    @EnumSource(SelectorDialect.class)
    void aHundredThousandAndsExceedTheDefaultLength(SelectorDialect dialect) {
        String expression = repeat("", "a = '1'", " AND ", 100_000, "");
        InvalidSelectorException e = rejected(expression, dialect, SelectorLimits.DEFAULT);
        assertEquals("Invalid selector at column 65537: expression is " + expression.length()
            + " chars long; the limit is 65536", e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(SelectorDialect.class)
    void aHundredThousandAndsOrOrsWorkWithinALargerLength(SelectorDialect dialect) {
        SelectorLimits roomy = new SelectorLimits(4 * 1024 * 1024, 128);
        Selector and = Selector.parse(repeat("", "a = '1'", " AND ", 100_000, ""), dialect, roomy);
        Selector or = Selector.parse(repeat("", "a = '2'", " OR ", 100_000, " OR a = '1'"), dialect, roomy);
        assertTrue(and.matches(A_IS_1::get));
        assertTrue(or.matches(A_IS_1::get));
    }

    @ParameterizedTest
    @EnumSource(SelectorDialect.class)
    void longPrefixChainsAreTooDeep(SelectorDialect dialect) {
        SelectorLimits roomy = new SelectorLimits(4 * 1024 * 1024, 128);
        assertTrue(rejected("NOT ".repeat(100_000) + "a = '1'", dialect, roomy).getMessage().contains("nests deeper than 128 levels"));
        assertTrue(rejected("- ".repeat(100_000) + "1 = 1", dialect, roomy).getMessage().contains("nests deeper than 128 levels"));
    }

    @Test
    void longArithmeticChainsAreTooDeep() {
        SelectorLimits roomy = new SelectorLimits(4 * 1024 * 1024, 128);
        InvalidSelectorException e = rejected(repeat("", "1", " + ", 100_000, " = 1"), SelectorDialect.JMS, roomy);
        assertTrue(e.getMessage().contains("nests deeper than 128 levels"), e.getMessage());
    }

    @Test
    void longComparisonChainsAreTooDeep() {
        // RocketMQ's grammar chains comparisons: a = '1' = TRUE = TRUE ...
        InvalidSelectorException e = rejected(repeat("a = '1'", "TRUE", "", 1_000, "").replace("TRUE", " = TRUE"),
            SelectorDialect.ROCKETMQ, SelectorLimits.DEFAULT);
        assertTrue(e.getMessage().contains("nests deeper than 128 levels"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(SelectorDialect.class)
    void theDeepestAllowedSelectorFitsInADefaultThreadStack(SelectorDialect dialect) throws InterruptedException {
        SelectorLimits deepest = new SelectorLimits(1024 * 1024, SelectorLimits.MAX_DEPTH);
        int parentheses = SelectorLimits.MAX_DEPTH - 4;
        String expression = "(".repeat(parentheses) + "a = '1'" + ")".repeat(parentheses);
        Object result = onThreadWithStack(1024 * 1024, () -> Selector.parse(expression, dialect, deepest).matches(A_IS_1::get));
        assertEquals(Boolean.TRUE, result);
    }

    @ParameterizedTest
    @EnumSource(SelectorDialect.class)
    void aStackTooSmallForTheNestingGivesAnInvalidSelector(SelectorDialect dialect) throws InterruptedException {
        SelectorLimits deepest = new SelectorLimits(1024 * 1024, SelectorLimits.MAX_DEPTH);
        String expression = "(".repeat(SelectorLimits.MAX_DEPTH - 2) + "a = '1'" + ")".repeat(SelectorLimits.MAX_DEPTH - 2);
        Object result = onThreadWithStack(64 * 1024, () -> Selector.parse(expression, dialect, deepest));
        assertTrue(result instanceof InvalidSelectorException, String.valueOf(result));
        assertEquals("Invalid selector at column 1: expression nests too deeply for this thread's stack",
            ((InvalidSelectorException) result).getMessage());
    }

    /** Runs {@code task} on a new thread with the given stack size; returns its result or what it threw. */
    private static Object onThreadWithStack(long stackSize, java.util.concurrent.Callable<Object> task) throws InterruptedException {
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                outcome.set(task.call());
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "selector-stack-" + stackSize, stackSize);
        thread.start();
        thread.join();
        return outcome.get();
    }

    @Test
    void limitsMustBeSensible() {
        assertThrows(IllegalArgumentException.class, () -> new SelectorLimits(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new SelectorLimits(10, 0));
        assertThrows(IllegalArgumentException.class, () -> new SelectorLimits(10, SelectorLimits.MAX_DEPTH + 1));
    }
}
