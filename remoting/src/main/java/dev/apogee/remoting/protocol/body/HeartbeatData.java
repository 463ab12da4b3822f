package dev.apogee.remoting.protocol.body;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.apogee.remoting.protocol.ExpressionTypes;
import java.util.List;
import java.util.Set;

/**
 * HEART_BEAT (34) body: who the client is and which producer and consumer groups it is in, with
 * each consumer group's subscriptions. Unknown properties (fingerprints of 5.x) are ignored.
 */
public record HeartbeatData(@JsonProperty("clientID") String clientId, List<ProducerData> producerDataSet,
                            List<ConsumerData> consumerDataSet) {

    public HeartbeatData {
        producerDataSet = producerDataSet == null ? List.of() : List.copyOf(producerDataSet);
        consumerDataSet = consumerDataSet == null ? List.of() : List.copyOf(consumerDataSet);
    }

    /** A producer group the client belongs to. */
    public record ProducerData(String groupName) {
    }

    /** A consumer group the client belongs to, with how it consumes. */
    public record ConsumerData(String groupName, String consumeType, String messageModel, String consumeFromWhere,
                               List<SubscriptionData> subscriptionDataSet, boolean unitMode) {
        public ConsumerData {
            subscriptionDataSet = subscriptionDataSet == null ? List.of() : List.copyOf(subscriptionDataSet);
        }
    }

    /** One subscription: a topic and an expression (tags, or SQL92). */
    public record SubscriptionData(String topic, String subString, Set<String> tagsSet, Set<Integer> codeSet,
                                   String expressionType, long subVersion, boolean classFilterMode) {
        public SubscriptionData {
            tagsSet = tagsSet == null ? Set.of() : Set.copyOf(tagsSet);
            codeSet = codeSet == null ? Set.of() : Set.copyOf(codeSet);
            expressionType = expressionType == null ? ExpressionTypes.TAG : expressionType;
        }
    }
}
