package dev.apogee.jms;

import dev.apogee.jms.jndi.ApogeeObjectFactory;
import jakarta.jms.Destination;
import java.io.Serializable;
import java.util.Objects;
import javax.naming.NamingException;
import javax.naming.Reference;
import javax.naming.Referenceable;
import javax.naming.StringRefAddr;

/**
 * An Apogee destination: a name, which is the RocketMQ topic messages for it are stored in, and a
 * {@link Kind}. The kind travels with every message (see the module README), so a destination or a
 * reply-to comes back as a queue, a topic or a temporary one, just as it was sent.
 *
 * <p>Two destinations are equal when kind and name are.
 */
public abstract sealed class ApogeeDestination implements Destination, Serializable, Referenceable
        permits ApogeeQueue, ApogeeTopic {

    private static final long serialVersionUID = 1L;

    /** What a destination is; {@link #wireName()} is how a message records it. */
    public enum Kind {
        QUEUE("queue"), TOPIC("topic"), TEMPORARY_QUEUE("temp-queue"), TEMPORARY_TOPIC("temp-topic");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        /** The name written in messages: {@code queue}, {@code topic}, {@code temp-queue}, {@code temp-topic}. */
        public String wireName() {
            return wireName;
        }

        /** The kind with this wire name, or null if none has it. */
        public static Kind ofWireName(String name) {
            for (Kind kind : values()) {
                if (kind.wireName.equals(name)) {
                    return kind;
                }
            }
            return null;
        }
    }

    private final String name;

    ApogeeDestination(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a destination needs a name");
        }
        this.name = name;
    }

    /** The destination's name: the RocketMQ topic its messages go to. */
    public final String name() {
        return name;
    }

    /** Queue, topic, or a temporary one. */
    public abstract Kind kind();

    /** Whether this is a temporary queue or topic. */
    public final boolean isTemporary() {
        return kind() == Kind.TEMPORARY_QUEUE || kind() == Kind.TEMPORARY_TOPIC;
    }

    /** A new destination of {@code kind} named {@code name} (a temporary one that this side cannot delete). */
    public static ApogeeDestination of(Kind kind, String name) {
        return switch (kind) {
            case QUEUE -> new ApogeeQueue(name);
            case TOPIC -> new ApogeeTopic(name);
            case TEMPORARY_QUEUE -> new ApogeeTemporaryQueue(name, null);
            case TEMPORARY_TOPIC -> new ApogeeTemporaryTopic(name, null);
        };
    }

    /**
     * How a naming service stores this destination by reference: its class and name, rebuilt by
     * {@link ApogeeObjectFactory}.
     *
     * @throws NamingException for a temporary destination, which lives only as long as its connection
     */
    @Override
    public Reference getReference() throws NamingException {
        if (isTemporary()) {
            throw new NamingException("a temporary destination cannot be bound in a naming service: " + this);
        }
        return new Reference(getClass().getName(), new StringRefAddr(ApogeeObjectFactory.NAME, name),
                ApogeeObjectFactory.class.getName(), null);
    }

    @Override
    public final boolean equals(Object o) {
        return o instanceof ApogeeDestination other && kind() == other.kind() && name.equals(other.name);
    }

    @Override
    public final int hashCode() {
        return Objects.hash(kind(), name);
    }

    @Override
    public String toString() {
        return kind().wireName() + "://" + name;
    }
}
