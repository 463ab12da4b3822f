package dev.apogee.client.pop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.apogee.client.message.MessageView;
import dev.apogee.client.testing.StubServer;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.header.broker.AckMessageRequestHeader;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link PopConsumer#ackAll} against a broker that does not take batch acks (before RocketMQ 5.1). */
@Timeout(30)
class PopAcksFallbackIT {

    private static ReceivedMessage popped(long offset) {
        InetSocketAddress host = new InetSocketAddress("127.0.0.1", 1);
        MessageView view = new MessageView("Stubbed", new byte[1], Map.of(), "id" + offset, "oid" + offset, 0, offset,
                0, 0, 0, host, 0, host, 0, 0);
        return new ReceivedMessage(view, new PopReceipt(0, 1_000, 30_000, 0, PopReceipt.NORMAL, "old", 0, offset));
    }

    @Test
    void aBrokerWithoutBatchAcksGetsSingleAcksAndIsNotAskedForBatchesAgain() throws Exception {
        try (StubServer broker = StubServer.start("old");
             StubServer namesrv = StubServer.start("ns").withBroker(broker);
             PopConsumer consumer = PopConsumer.builder().nameServers(namesrv.address()).group("g").build()) {
            consumer.ackAll(List.of(popped(0), popped(1), popped(2)));
            assertEquals(1, broker.count(RequestCode.BATCH_ACK_MESSAGE));
            assertEquals(Set.of(0L, 1L, 2L), ackedOffsets(broker));

            consumer.ackAll(List.of(popped(3), popped(4)));
            assertEquals(1, broker.count(RequestCode.BATCH_ACK_MESSAGE), "not asked again");
            assertEquals(Set.of(0L, 1L, 2L, 3L, 4L), ackedOffsets(broker));
        }
    }

    private static Set<Long> ackedOffsets(StubServer broker) {
        return broker.received().stream().filter(request -> request.code() == RequestCode.ACK_MESSAGE)
                .map(request -> request.header(AckMessageRequestHeader.class).offset()).collect(Collectors.toSet());
    }
}
