package dev.apogee.client.consumer;

/** What a {@link MessageListener} made of one message. */
public enum ConsumeResult {
    /** Processed; its offset may be committed. */
    SUCCESS,
    /**
     * Not processed now: the message goes back to the broker and is delivered again later, with
     * {@code reconsumeTimes} one higher (in broadcasting mode it is dropped, as RocketMQ does).
     */
    RECONSUME_LATER
}
