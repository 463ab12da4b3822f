package dev.apogee.selector;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The broker evaluates a selector for every message it pulls, so evaluation must not allocate: truth
 * values are the two Boolean constants, literals are boxed once at parse time, LIKE is compiled at parse
 * time, string-to-int conversion parses without boxing.
 */
class EvaluationCostTest {

    private static final int CALLS = 100_000;

    @Test
    void rocketMqEvaluationDoesNotAllocate() {
        Selector selector = Selector.parse("region = 'eu' AND (amount > 100 OR tier IN ('gold', 'silver')) "
            + "AND name STARTSWITH 'ord' AND NOT (flag IS NULL) AND qty BETWEEN 1 AND 10", SelectorDialect.ROCKETMQ);
        Map<String, String> properties = Map.of("region", "eu", "amount", "250", "tier", "gold", "name", "order-1",
            "flag", "x", "qty", "7");
        assertTrue(allocatedPerCall(selector, properties::get) < 1.0, "bytes per call");
    }

    @Test
    void jmsEvaluationWithoutArithmeticDoesNotAllocate() {
        Selector selector = Selector.parse("region = 'eu' AND amount > 100 AND name LIKE 'ord%' "
            + "AND tier NOT IN ('bronze') AND priority BETWEEN 4 AND 9 AND urgent", SelectorDialect.JMS);
        Map<String, Object> properties = Map.of("region", "eu", "amount", 250L, "name", "order-1", "tier", "gold",
            "priority", 7, "urgent", true);
        assertTrue(allocatedPerCall(selector, properties::get) < 1.0, "bytes per call");
    }

    private static double allocatedPerCall(Selector selector, PropertyResolver resolver) {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        for (int i = 0; i < CALLS; i++) {
            assertTrue(selector.matches(resolver));
        }
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        int matched = 0;
        for (int i = 0; i < CALLS; i++) {
            matched += selector.matches(resolver) ? 1 : 0;
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertTrue(matched == CALLS);
        return (double) allocated / CALLS;
    }
}
