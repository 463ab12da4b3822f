package dev.apogee.client.pop;

/**
 * One place a receive may pop from: a broker group's master and the topic as stored there (the
 * consumer's topic, or the group's pop retry topic for it).
 *
 * @param brokerName  the broker group
 * @param address     its master's {@code host:port}
 * @param storedTopic the topic popped
 * @param retry       whether {@code storedTopic} is the group's pop retry topic
 */
record PopTarget(String brokerName, String address, String storedTopic, boolean retry) {
}
