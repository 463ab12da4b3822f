package dev.apogee.client.message;

import dev.apogee.remoting.protocol.message.MessageProperties;
import java.util.Set;

/**
 * The property names the protocol gives a meaning to. A user property must not use one: the broker
 * or a consumer would read it as an instruction (a delay, a transaction, a retry ...).
 */
public final class SystemProperties {

    private static final Set<String> RESERVED = Set.of(
            MessageProperties.TRACE_ON, MessageProperties.MSG_REGION, MessageProperties.KEYS, MessageProperties.TAGS,
            MessageProperties.WAIT, MessageProperties.DELAY, MessageProperties.RETRY_TOPIC,
            MessageProperties.REAL_TOPIC, MessageProperties.REAL_QUEUE_ID, MessageProperties.TRAN_MSG,
            MessageProperties.PRODUCER_GROUP, "MIN_OFFSET", "MAX_OFFSET", "BUYER_ID",
            MessageProperties.ORIGIN_MESSAGE_ID, "TRANSFER_FLAG", "CORRECTION_FLAG", "MQ2_FLAG",
            MessageProperties.RECONSUME_TIME, MessageProperties.UNIQ_KEY, MessageProperties.MAX_RECONSUME_TIMES,
            "CONSUME_START_TIME", MessageProperties.POP_CK, "POP_CK_OFFSET", "1ST_POP_TIME",
            "TRAN_PREPARED_QUEUE_OFFSET", "DUP_INFO", "EXTEND_UNIQ_INFO", "INSTANCE_ID", "CORRELATION_ID",
            "REPLY_TO_CLIENT", "TTL", "ARRIVE_TIME", "PUSH_REPLY_TIME", MessageProperties.CLUSTER, "MSG_TYPE",
            "INNER_MULTI_QUEUE_OFFSET", MessageProperties.TIMER_DELAY_MS, MessageProperties.TIMER_DELAY_SEC,
            MessageProperties.TIMER_DELIVER_MS, "TIMER_ENQUEUE_MS", "TIMER_DEQUEUE_MS", "TIMER_ROLL_TIMES",
            MessageProperties.TIMER_OUT_MS, "TIMER_DEL_UNIQKEY", "TIMER_DELAY_LEVEL", "__BORNHOST",
            "BORN_TIMESTAMP", "DLQ_ORIGIN_TOPIC", "DLQ_ORIGIN_MESSAGE_ID", "__CRC32#");

    private SystemProperties() {
    }

    /** Whether {@code name} is reserved for the system. */
    public static boolean isReserved(String name) {
        return RESERVED.contains(name);
    }
}
