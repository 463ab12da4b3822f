package dev.apogee.jms.message;

import java.util.Locale;
import java.util.Set;

/**
 * The rules for the name of a property an application sets (Jakarta Messaging 3.1, 3.5.1 and 3.8.1.1):
 * a Java identifier that is not a selector keyword ({@code NULL TRUE FALSE NOT AND OR BETWEEN LIKE IN IS
 * ESCAPE}, any case), so that selectors can name it. {@code JMSX} names are the specification's: of
 * those the application may set only {@code JMSXGroupID} and {@code JMSXGroupSeq}, the rest being the
 * provider's. Other names starting with {@code JMS} are header names, except {@code JMS_vendor_} ones,
 * which are allowed, but not Apogee's own, {@value ProviderProperties#PREFIX}..., bar
 * {@link ProviderProperties#KEYS}.
 */
final class PropertyNames {

    static final String JMSX_GROUP_ID = "JMSXGroupID";
    static final String JMSX_GROUP_SEQ = "JMSXGroupSeq";
    static final String JMSX_DELIVERY_COUNT = "JMSXDeliveryCount";

    private static final Set<String> KEYWORDS = Set.of("NULL", "TRUE", "FALSE", "NOT", "AND", "OR", "BETWEEN",
            "LIKE", "IN", "IS", "ESCAPE");

    private PropertyNames() {
    }

    /**
     * Checks a name an application sets.
     *
     * @throws IllegalArgumentException if it is null, empty, or not allowed, saying why
     */
    static void checkSettable(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a property name must not be null or empty");
        }
        if (!isIdentifier(name)) {
            throw new IllegalArgumentException("the property name '" + name + "' is not a Java identifier");
        }
        if (KEYWORDS.contains(name.toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException("the property name '" + name + "' is a selector keyword");
        }
        if (name.startsWith("JMSX")) {
            if (!name.equals(JMSX_GROUP_ID) && !name.equals(JMSX_GROUP_SEQ)) {
                throw new IllegalArgumentException("the property " + name
                        + " is a JMSX name an application cannot set (only JMSXGroupID and JMSXGroupSeq)");
            }
        } else if (name.startsWith(ProviderProperties.PREFIX)) {
            if (!name.equals(ProviderProperties.KEYS)) {
                throw new IllegalArgumentException("the property name " + name + " is reserved for Apogee");
            }
        } else if (name.startsWith("JMS") && !name.startsWith("JMS_")) {
            throw new IllegalArgumentException("the property name " + name
                    + " starts with JMS, which names header fields");
        }
    }

    static boolean isIdentifier(String name) {
        if (!Character.isJavaIdentifierStart(name.codePointAt(0))) {
            return false;
        }
        for (int i = Character.charCount(name.codePointAt(0)); i < name.length(); ) {
            int c = name.codePointAt(i);
            if (!Character.isJavaIdentifierPart(c)) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }
}
