package dev.apogee.client.consumer;

/** How the members of a consumer group share a topic. */
public enum MessageModel {
    /** Each message goes to one member: the queues are divided among them; offsets live on the brokers. */
    CLUSTERING,
    /** Each member gets every message; offsets are kept by each member in a local file. */
    BROADCASTING
}
