package dev.apogee.benchmarks.broker;

import dev.apogee.client.producer.Producer;
import java.util.concurrent.CompletableFuture;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;

/**
 * One producer as the client benchmark drives it: a sync send that says whether the broker stored
 * the message, and an async send whose future completes with the same answer. The two
 * implementations wrap the official client and Apogee's, configured alike (no compression, the same
 * timeout), so the figure is what the client itself costs.
 */
interface BenchProducer extends AutoCloseable {

    /** Sends and waits; true if the broker answered SEND_OK. Throws what the client throws. */
    boolean send(String topic, byte[] body) throws Exception;

    /** Sends; the future completes true on SEND_OK, false on another status, exceptionally on failure. */
    CompletableFuture<Boolean> sendAsync(String topic, byte[] body);

    String name();

    @Override
    void close();

    /** The official Apache RocketMQ 5.5.0 producer. */
    static BenchProducer official(DefaultMQProducer producer) {
        return new BenchProducer() {
            @Override
            public boolean send(String topic, byte[] body) throws Exception {
                return producer.send(new Message(topic, body)).getSendStatus() == SendStatus.SEND_OK;
            }

            @Override
            public CompletableFuture<Boolean> sendAsync(String topic, byte[] body) {
                CompletableFuture<Boolean> answer = new CompletableFuture<>();
                try {
                    producer.send(new Message(topic, body), new SendCallback() {
                        @Override
                        public void onSuccess(SendResult result) {
                            answer.complete(result.getSendStatus() == SendStatus.SEND_OK);
                        }

                        @Override
                        public void onException(Throwable e) {
                            answer.completeExceptionally(e);
                        }
                    });
                } catch (Exception e) {
                    answer.completeExceptionally(e);
                }
                return answer;
            }

            @Override
            public String name() {
                return "official";
            }

            @Override
            public void close() {
                producer.shutdown();
            }
        };
    }

    /** Apogee's own producer. */
    static BenchProducer apogee(Producer producer) {
        return new BenchProducer() {
            @Override
            public boolean send(String topic, byte[] body) {
                return producer.send(dev.apogee.client.message.Message.of(topic, body)).status()
                        == dev.apogee.client.producer.SendStatus.SEND_OK;
            }

            @Override
            public CompletableFuture<Boolean> sendAsync(String topic, byte[] body) {
                try {
                    return producer.sendAsync(dev.apogee.client.message.Message.of(topic, body))
                            .thenApply(result -> result.status() == dev.apogee.client.producer.SendStatus.SEND_OK);
                } catch (RuntimeException e) {
                    return CompletableFuture.failedFuture(e);
                }
            }

            @Override
            public String name() {
                return "Apogee";
            }

            @Override
            public void close() {
                producer.close();
            }
        };
    }
}
