package dev.apogee.selector;

/** An identifier: the value the resolver gives for it. */
final class Property extends Node {

    private final String name;
    private final boolean asString;

    /**
     * @param asString whether to see every value as a string, as Apache RocketMQ's broker does (its
     *                 properties are strings on the wire); a value of another type then reads as its
     *                 {@code toString()}
     */
    Property(int column, String name, boolean asString) {
        super(column);
        this.name = name;
        this.asString = asString;
    }

    @Override
    Object evaluate(PropertyResolver properties) {
        Object value = properties.value(name);
        if (asString && value != null && !(value instanceof String)) {
            return value.toString();
        }
        return value;
    }

    String name() {
        return name;
    }
}
