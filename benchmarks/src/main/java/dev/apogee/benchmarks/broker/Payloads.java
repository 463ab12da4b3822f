package dev.apogee.benchmarks.broker;

import java.util.Arrays;
import org.apache.rocketmq.common.message.Message;

/** Messages of the benchmark: a fixed body, and a fresh {@link Message} per send (the client changes it). */
final class Payloads {

    /** User property carrying the {@link System#nanoTime()} a message was due to be sent at. */
    static final String SENT_NANOS = "benchSentNanos";
    /** User property marking a message of the catch-up backlog. */
    static final String BACKLOG = "benchBacklog";

    private final byte[] body;

    Payloads(int size) {
        body = new byte[size];
        Arrays.fill(body, (byte) 'x');
    }

    Message message(String topic) {
        // The body array is shared: the client only reads it (compression is switched off).
        return new Message(topic, body);
    }
}
