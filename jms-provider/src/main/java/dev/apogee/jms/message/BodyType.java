package dev.apogee.jms.message;

/** The five JMS body types and the body-less Message, with the names {@link ProviderProperties#BODY_TYPE} carries. */
public enum BodyType {
    MESSAGE("message"), TEXT("text"), BYTES("bytes"), MAP("map"), STREAM("stream"), OBJECT("object");

    private final String wireName;

    BodyType(String wireName) {
        this.wireName = wireName;
    }

    /** The value of {@link ProviderProperties#BODY_TYPE}. */
    public String wireName() {
        return wireName;
    }

    /** The type with this wire name, or null. */
    public static BodyType ofWireName(String name) {
        for (BodyType type : values()) {
            if (type.wireName.equals(name)) {
                return type;
            }
        }
        return null;
    }
}
