package dev.apogee.admin.service;

import dev.apogee.client.message.MessageView;
import dev.apogee.remoting.protocol.body.MessageQueue;
import java.net.InetSocketAddress;
import java.time.Instant;

/** Turns the client's types into the service's plain records. */
final class Records {

    private Records() {
    }

    static MessageRecord message(MessageView view, String brokerName) {
        return new MessageRecord(view.topic(), brokerName, view.queueId(), view.queueOffset(), view.messageId(),
                view.offsetMessageId(), view.tags(), view.keys(), Instant.ofEpochMilli(view.bornTimestamp()),
                Instant.ofEpochMilli(view.storeTimestamp()), address(view.bornHost()), address(view.storeHost()),
                view.reconsumeTimes(), view.properties(), view.userProperties(), view.body());
    }

    static String address(InetSocketAddress address) {
        if (address == null) {
            return null;
        }
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        return host + ":" + address.getPort();
    }

    static QueueRef queue(MessageQueue queue) {
        return new QueueRef(queue.topic(), queue.brokerName(), queue.queueId());
    }

    static MessageQueue queue(QueueRef queue) {
        return new MessageQueue(queue.topic(), queue.brokerName(), queue.queueId());
    }
}
