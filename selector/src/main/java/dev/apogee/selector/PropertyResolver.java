package dev.apogee.selector;

/**
 * Supplies the value of an identifier named in a selector: a message property, or a header the caller
 * maps (for JMS, {@code JMSPriority}, {@code JMSTimestamp} and the like).
 *
 * <p>Called on the evaluation path, once per identifier occurrence; it should be a map lookup, not work.
 */
@FunctionalInterface
public interface PropertyResolver {

    /**
     * @param name the identifier exactly as written in the selector (case-sensitive)
     * @return its value, or {@code null} when the message has no such property
     */
    Object value(String name);
}
