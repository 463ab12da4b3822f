package dev.apogee.remoting.protocol.body;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A consumer group's settings on a broker: body of UPDATE_AND_CREATE_SUBSCRIPTIONGROUP (200) and of
 * the GET_SUBSCRIPTIONGROUP_CONFIG (352) answer. Absent JSON fields take the official defaults (a
 * fastjson peer leaves out what it never set), not zero.
 *
 * @param groupName                      the consumer group
 * @param consumeEnable                  whether the group may pull (false: pulls get NO_PERMISSION)
 * @param consumeFromMinEnable           a new group may start from the queue's minimum offset
 * @param consumeBroadcastEnable         broadcasting consumption is allowed
 * @param consumeMessageOrderly          the group consumes orderly
 * @param retryQueueNums                 queues of the group's retry topic
 * @param retryMaxTimes                  reconsume attempts before the dead-letter topic
 * @param groupRetryPolicy               5.x retry policy, kept as given (Apogee does not interpret it)
 * @param brokerId                       the broker the group reads from
 * @param whichBrokerWhenConsumeSlowly   the broker a slow group is redirected to
 * @param notifyConsumerIdsChangedEnable members are told when the membership changes
 * @param groupSysFlag                   system flag bits
 * @param consumeTimeoutMinute           minutes before a message being consumed counts as failed
 * @param subscriptionDataSet            5.x declared subscriptions; may be null
 * @param attributes                     5.x group attributes
 */
public record SubscriptionGroupConfig(String groupName, boolean consumeEnable, boolean consumeFromMinEnable,
                                      boolean consumeBroadcastEnable, boolean consumeMessageOrderly,
                                      int retryQueueNums, int retryMaxTimes, JsonNode groupRetryPolicy,
                                      long brokerId, long whichBrokerWhenConsumeSlowly,
                                      boolean notifyConsumerIdsChangedEnable, int groupSysFlag,
                                      int consumeTimeoutMinute, List<SimpleSubscriptionData> subscriptionDataSet,
                                      Map<String, String> attributes) {

    public static final int DEFAULT_RETRY_MAX_TIMES = 16;

    public SubscriptionGroupConfig {
        Objects.requireNonNull(groupName, "groupName");
        groupRetryPolicy = groupRetryPolicy == null ? defaultRetryPolicy() : groupRetryPolicy;
        subscriptionDataSet = subscriptionDataSet == null ? null : BodyCollections.list(subscriptionDataSet);
        attributes = BodyCollections.map(attributes);
    }

    /** A group with every setting at the official default. */
    public static SubscriptionGroupConfig defaults(String groupName) {
        return new SubscriptionGroupConfig(groupName, true, true, true, false, 1, DEFAULT_RETRY_MAX_TIMES, null,
                0, 1, true, 0, 15, null, Map.of());
    }

    @JsonCreator
    static SubscriptionGroupConfig fromJson(@JsonProperty("groupName") String groupName,
                                            @JsonProperty("consumeEnable") Boolean consumeEnable,
                                            @JsonProperty("consumeFromMinEnable") Boolean consumeFromMinEnable,
                                            @JsonProperty("consumeBroadcastEnable") Boolean consumeBroadcastEnable,
                                            @JsonProperty("consumeMessageOrderly") Boolean consumeMessageOrderly,
                                            @JsonProperty("retryQueueNums") Integer retryQueueNums,
                                            @JsonProperty("retryMaxTimes") Integer retryMaxTimes,
                                            @JsonProperty("groupRetryPolicy") JsonNode groupRetryPolicy,
                                            @JsonProperty("brokerId") Long brokerId,
                                            @JsonProperty("whichBrokerWhenConsumeSlowly") Long slowBroker,
                                            @JsonProperty("notifyConsumerIdsChangedEnable") Boolean notify,
                                            @JsonProperty("groupSysFlag") Integer groupSysFlag,
                                            @JsonProperty("consumeTimeoutMinute") Integer consumeTimeoutMinute,
                                            @JsonProperty("subscriptionDataSet") List<SimpleSubscriptionData> subs,
                                            @JsonProperty("attributes") Map<String, String> attributes) {
        if (groupName == null) {
            throw new IllegalArgumentException("groupName is missing");
        }
        return new SubscriptionGroupConfig(groupName, or(consumeEnable, true), or(consumeFromMinEnable, true),
                or(consumeBroadcastEnable, true), or(consumeMessageOrderly, false), or(retryQueueNums, 1),
                or(retryMaxTimes, DEFAULT_RETRY_MAX_TIMES), groupRetryPolicy, or(brokerId, 0L), or(slowBroker, 1L),
                or(notify, true), or(groupSysFlag, 0), or(consumeTimeoutMinute, 15), subs, attributes);
    }

    /** This group with consumption switched on or off. */
    public SubscriptionGroupConfig withConsumeEnable(boolean enabled) {
        return new SubscriptionGroupConfig(groupName, enabled, consumeFromMinEnable, consumeBroadcastEnable,
                consumeMessageOrderly, retryQueueNums, retryMaxTimes, groupRetryPolicy, brokerId,
                whichBrokerWhenConsumeSlowly, notifyConsumerIdsChangedEnable, groupSysFlag, consumeTimeoutMinute,
                subscriptionDataSet, attributes);
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }

    /** The official default: the customized policy (the classic 18-level schedule). */
    private static JsonNode defaultRetryPolicy() {
        return JsonNodeFactory.instance.objectNode().put("type", "CUSTOMIZED");
    }
}
