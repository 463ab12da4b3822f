package dev.apogee.admin.service;

/** The two kinds of message id RocketMQ hands out. */
public enum IdKind {
    /** The broker's offset id: store host, port and commit-log offset (what {@code SendResult.offsetMsgId} is). */
    OFFSET_ID,
    /** The producer's unique client id ({@code UNIQ_KEY}, what {@code SendResult.msgId} is). */
    UNIQUE_ID
}
