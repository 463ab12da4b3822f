package dev.apogee.jms;

import jakarta.jms.Topic;

/** A topic: messages stored in the RocketMQ topic of the same name, seen by every subscription. */
public sealed class ApogeeTopic extends ApogeeDestination implements Topic permits ApogeeTemporaryTopic {

    private static final long serialVersionUID = 1L;

    /** The topic stored in RocketMQ topic {@code name}. */
    public ApogeeTopic(String name) {
        super(name);
    }

    @Override
    public Kind kind() {
        return Kind.TOPIC;
    }

    @Override
    public String getTopicName() {
        return name();
    }
}
