package dev.apogee.broker.stats;

import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.transport.RequestContext;
import dev.apogee.remoting.transport.RequestProcessor;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * Counts what the send and pull processors hand out, from their successful answers, so that the
 * processors themselves carry no statistics code: a send counts one message per id in its answer
 * (a batch answers with comma-separated ids), a pull counts the stored records in its body.
 */
public final class StatsCounting {

    private StatsCounting() {
    }

    /** The send processor, counting stored messages per topic. */
    public static RequestProcessor sends(BrokerStats stats, RequestProcessor send) {
        return (context, request) -> send.process(context, request).thenApply(response -> {
            if (response != null && response.code() == ResponseCode.SUCCESS) {
                // SEND_MESSAGE_V2 and batches carry the topic under the one-letter key "b".
                String topic = request.extFields().getOrDefault("b", request.extFields().get("topic"));
                String ids = response.extFields().get("msgId");
                if (topic != null && ids != null) {
                    stats.put(topic, 1 + commas(ids));
                }
            }
            return response;
        });
    }

    /** A batch answers with its ids joined by commas: one more id than commas. */
    private static int commas(String ids) {
        int count = 0;
        for (int i = ids.indexOf(','); i >= 0; i = ids.indexOf(',', i + 1)) {
            count++;
        }
        return count;
    }

    /**
     * The pull or pop processor, counting delivered messages per group and topic (only answers that
     * carry messages count: acks and invisible-time changes have no body).
     */
    public static RequestProcessor deliveries(BrokerStats stats, RequestProcessor pull) {
        return (context, request) -> pull.process(context, request).thenApply(response -> {
            if (response != null && response.code() == ResponseCode.SUCCESS && response.bodyLength() > 0) {
                String group = request.extFields().get("consumerGroup");
                String topic = request.extFields().get("topic");
                if (group != null && topic != null) {
                    // A pull answer's parts are its records, one each (body() would copy them).
                    stats.got(group, topic, response.bodyParts() != null ? response.bodyParts().size()
                            : recordCount(response.body()));
                }
            }
            return response;
        });
    }

    /** Stored records start with their total size; a pull body is records back to back. */
    static int recordCount(byte[] body) {
        ByteBuffer records = ByteBuffer.wrap(body);
        int count = 0;
        while (records.remaining() >= 4) {
            int size = records.getInt(records.position());
            if (size <= 0 || size > records.remaining()) {
                break;
            }
            records.position(records.position() + size);
            count++;
        }
        return count;
    }
}
