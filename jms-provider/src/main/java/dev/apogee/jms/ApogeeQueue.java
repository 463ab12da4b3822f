package dev.apogee.jms;

import jakarta.jms.Queue;

/** A queue: messages stored in the RocketMQ topic of the same name, each consumed by one consumer. */
public sealed class ApogeeQueue extends ApogeeDestination implements Queue permits ApogeeTemporaryQueue {

    private static final long serialVersionUID = 1L;

    /** The queue stored in topic {@code name}. */
    public ApogeeQueue(String name) {
        super(name);
    }

    @Override
    public Kind kind() {
        return Kind.QUEUE;
    }

    @Override
    public String getQueueName() {
        return name();
    }
}
