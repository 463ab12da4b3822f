package dev.apogee.client.pop;

/** What one receive asks for: checked, times in milliseconds. */
record PopRequest(String topic, FilterExpression filter, int maxMessages, long invisibleMillis, long pollMillis) {

    PopRequest withPollMillis(long millis) {
        return new PopRequest(topic, filter, maxMessages, invisibleMillis, millis);
    }
}
