package dev.apogee.selector;

import java.util.HashMap;
import java.util.Map;

/**
 * The full result of evaluating a selector, recovered through the public API alone: TRUE and FALSE,
 * UNKNOWN (SQL NULL), and, for the ROCKETMQ dialect, ERROR (Apache's evaluation would throw, so the
 * message does not match whatever the rest of the expression says).
 */
enum Outcome {
    TRUE, FALSE, UNKNOWN, ERROR;

    /** JMS: e is TRUE if it matches, FALSE if NOT (e) matches, else UNKNOWN. */
    static Outcome ofJms(String expression, Map<String, ?> properties) {
        PropertyResolver resolver = properties::get;
        if (Selector.parse(expression, SelectorDialect.JMS).matches(resolver)) {
            return TRUE;
        }
        if (Selector.parse("NOT (" + expression + ")", SelectorDialect.JMS).matches(resolver)) {
            return FALSE;
        }
        return UNKNOWN;
    }

    /** ROCKETMQ: as for JMS, and UNKNOWN only if (e) IS NULL matches; an error makes all three fail. */
    static Outcome ofRocketMq(String expression, Map<String, ?> properties) {
        PropertyResolver resolver = properties::get;
        if (Selector.parse(expression, SelectorDialect.ROCKETMQ).matches(resolver)) {
            return TRUE;
        }
        if (Selector.parse("NOT (" + expression + ")", SelectorDialect.ROCKETMQ).matches(resolver)) {
            return FALSE;
        }
        if (Selector.parse("(" + expression + ") IS NULL", SelectorDialect.ROCKETMQ).matches(resolver)) {
            return UNKNOWN;
        }
        return ERROR;
    }

    /** A property map from alternating names and values. */
    static Map<String, Object> properties(Object... namesAndValues) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }
}
