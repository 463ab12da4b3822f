package dev.apogee.remoting.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.remoting.concurrent.BoundedExecutors;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.testing.Loopback;
import dev.apogee.remoting.testing.NettyLeakCheck;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Responses completed inside {@link ReplyBatch#during} leave when it returns, all of them, each to its requester. */
@ExtendWith(NettyLeakCheck.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReplyBatchIT {

    private static final int HELD = 9102;

    @Test
    void answersCompletedInABatchLeaveTogetherWhenItEnds() throws Exception {
        BlockingQueue<CompletableFuture<RemotingCommand>> held = new LinkedBlockingQueue<>();
        BlockingQueue<RemotingCommand> requests = new LinkedBlockingQueue<>();
        ExecutorService processorThread = BoundedExecutors.fixed("batch-srv-held", 1, 100);
        try (RemotingServer server = new RemotingServer(Loopback.server("batch-srv"));
             RemotingClient first = new RemotingClient(Loopback.client("batch-a"));
             RemotingClient second = new RemotingClient(Loopback.client("batch-b"))) {
            server.registerProcessor((context, request) -> {
                CompletableFuture<RemotingCommand> answer = new CompletableFuture<>();
                requests.add(request);
                held.add(answer);
                return answer;
            }, processorThread, HELD);
            server.start();
            first.start();
            second.start();
            String address = Loopback.address(server);

            List<CompletableFuture<RemotingCommand>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                RemotingClient client = i % 2 == 0 ? first : second;
                answers.add(client.invoke(address, RemotingCommand.request(HELD, null,
                        ("r" + i).getBytes(StandardCharsets.UTF_8)), 10_000));
            }
            List<CompletableFuture<RemotingCommand>> pending = new ArrayList<>();
            List<RemotingCommand> received = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                pending.add(held.poll(10, TimeUnit.SECONDS));
                received.add(requests.take());
            }
            // The processor's one thread has returned from every request (the dispatcher has hooked its
            // reply on each answer) once a task queued behind them runs: the answers complete here.
            processorThread.submit(() -> { }).get(10, TimeUnit.SECONDS);

            ReplyBatch.during(() -> {
                for (int i = 0; i < pending.size(); i++) {
                    pending.get(i).complete(RemotingCommand.success(received.get(i), received.get(i).body()));
                }
                sleepQuietly(300);
                assertTrue(answers.stream().noneMatch(CompletableFuture::isDone), "nothing left inside the batch");
            });
            for (int i = 0; i < 6; i++) {
                RemotingCommand answer = answers.get(i).get(10, TimeUnit.SECONDS);
                assertEquals(ResponseCode.SUCCESS, answer.code());
                assertEquals("r" + i, new String(answer.body(), StandardCharsets.UTF_8), "each answer to its request");
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
