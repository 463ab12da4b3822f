package dev.apogee.client.consumer.offset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.apogee.client.consumer.broker.ConsumerRequests;
import dev.apogee.client.core.ClientRuntime;
import dev.apogee.client.testing.StubServer;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.body.MessageQueue;
import dev.apogee.remoting.protocol.header.broker.UpdateConsumerOffsetRequestHeader;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Offset commits against stub brokers that answer slowly and count the commits they hold at once. */
@Timeout(60)
class BrokerOffsetStoreIT {

    /** Answers commits after 100 ms, remembering the most it held at once and every queue:offset committed. */
    private static final class SlowCommits {
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger mostInFlight = new AtomicInteger();
        final Set<String> committed = ConcurrentHashMap.newKeySet();

        CompletableFuture<RemotingCommand> answer(RemotingCommand request) {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            UpdateConsumerOffsetRequestHeader header = request.header(UpdateConsumerOffsetRequestHeader.class);
            committed.add(header.queueId() + ":" + header.commitOffset());
            return CompletableFuture.supplyAsync(() -> {
                inFlight.decrementAndGet();
                return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
            }, CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void commitsGoOneAtATimeToEachBrokerSoApacheKeepsEveryQueuesOffset() throws Exception {
        try (StubServer b1 = StubServer.start("b1");
             StubServer b2 = StubServer.start("b2");
             StubServer namesrv = StubServer.start("ns").withBroker(b1).withBroker(b2);
             ClientRuntime runtime = ClientRuntime.builder().nameServers(namesrv.address()).build()) {
            SlowCommits first = new SlowCommits();
            SlowCommits second = new SlowCommits();
            b1.onOffsetCommit(first::answer);
            b2.onOffsetCommit(second::answer);
            BrokerOffsetStore store = new BrokerOffsetStore("g", new ConsumerRequests(runtime.rpc(), runtime.routes(),
                    5_000), 5_000);
            List<MessageQueue> queues = List.of(new MessageQueue("T", "b1", 0), new MessageQueue("T", "b1", 1),
                    new MessageQueue("T", "b2", 0), new MessageQueue("T", "b2", 1));
            for (MessageQueue queue : queues) {
                store.update(queue, 10 + queue.queueId(), false);
            }
            store.persist(queues);

            assertEquals(Set.of("0:10", "1:11"), first.committed);
            assertEquals(Set.of("0:10", "1:11"), second.committed);
            assertEquals(1, first.mostInFlight.get(), "commits held at once by b1");
            assertEquals(1, second.mostInFlight.get(), "commits held at once by b2");
            assertEquals(2L, b1.count(RequestCode.UPDATE_CONSUMER_OFFSET), "commits sent to b1");
        }
    }
}
