package dev.apogee.client.admin;

import dev.apogee.client.ClientException;
import dev.apogee.client.message.Topics;
import dev.apogee.client.net.Rpc;
import dev.apogee.client.route.TopicRoute;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.body.MessageQueue;
import dev.apogee.remoting.protocol.body.MessageQueueMaps;
import dev.apogee.remoting.protocol.body.RemotingJson;
import dev.apogee.remoting.protocol.body.TopicList;
import dev.apogee.remoting.protocol.body.TopicOffset;
import dev.apogee.remoting.protocol.body.TopicStatsTable;
import dev.apogee.remoting.protocol.header.broker.CreateTopicRequestHeader;
import dev.apogee.remoting.protocol.header.broker.TopicRequestHeader;
import dev.apogee.remoting.protocol.header.namesrv.DeleteTopicFromNamesrvRequestHeader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Topics: listing, creating, changing, deleting, routes and queue offsets. Get it from {@link AdminClient#topics()}. */
public final class TopicAdmin {

    private final AdminRequests requests;

    TopicAdmin(AdminRequests requests) {
        this.requests = requests;
    }

    /** Every topic the name servers know, system ones included (GET_ALL_TOPIC_LIST_FROM_NAMESERVER). */
    public Set<String> list() {
        RemotingCommand response = requests.nameServer(
                RemotingCommand.request(RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER, null));
        return RemotingJson.decode(response.body(), TopicList.class).topicList();
    }

    /**
     * Creates {@code spec.name()}, or changes it to {@code spec}, on every master of {@code cluster}
     * (UPDATE_AND_CREATE_TOPIC); the brokers tell the name servers at once.
     *
     * @throws dev.apogee.client.BrokerRefusedException with the broker's code and remark if one refused
     *                                                  (the masters before it already applied the change)
     * @throws ClientException                          if the cluster is unknown or has no master
     */
    public void createOrUpdate(String cluster, TopicSpec spec) {
        Map<String, String> masters = mastersOf(cluster);
        RemotingCommand request = RemotingCommand.request(RequestCode.UPDATE_AND_CREATE_TOPIC, new CreateTopicRequestHeader(
                spec.name(), Topics.AUTO_CREATE_KEY, spec.readQueues(), spec.writeQueues(), spec.perm(), "SINGLE_TAG",
                0, spec.ordered(), null, null));
        masters.values().forEach(address -> requests.broker(address, request.withNewOpaque()));
    }

    /**
     * Deletes {@code topic} from every master of {@code cluster} (DELETE_TOPIC_IN_BROKER: its config and
     * every group's offsets on it) and then from every name server (DELETE_TOPIC_IN_NAMESRV). Its
     * messages age out with the brokers' retention. Deleting an unknown topic succeeds.
     */
    public void delete(String cluster, String topic) {
        Topics.checkName(topic);
        Map<String, String> masters = mastersOf(cluster);
        RemotingCommand request = RemotingCommand.request(RequestCode.DELETE_TOPIC_IN_BROKER, new TopicRequestHeader(topic));
        masters.values().forEach(address -> requests.broker(address, request.withNewOpaque()));
        requests.everyNameServer(RemotingCommand.request(RequestCode.DELETE_TOPIC_IN_NAMESRV,
                new DeleteTopicFromNamesrvRequestHeader(topic, cluster)));
    }

    /**
     * The route of {@code topic} as the name servers publish it now (not cached by this client).
     *
     * @throws dev.apogee.client.NoRouteException if no name server knows the topic
     */
    public TopicRoute route(String topic) {
        return Rpc.await(requests.runtime().routes().query(topic));
    }

    /**
     * Every queue of {@code topic} on every broker of its route, with its offsets and last store time
     * (GET_TOPIC_STATS_INFO), by broker name then queue id.
     *
     * @throws ClientException if a broker of the route did not answer (its queues would be missing)
     */
    public List<TopicQueueStats> stats(String topic) {
        TopicRoute route = route(topic);
        List<TopicQueueStats> stats = new ArrayList<>();
        RemotingCommand request = RemotingCommand.request(RequestCode.GET_TOPIC_STATS_INFO, new TopicRequestHeader(topic));
        for (AdminRequests.Answer answer : requests.fanOut(route.masters(), request)) {
            if (!answer.ok()) {
                throw answer.failure() != null ? answer.failure()
                        : new dev.apogee.client.BrokerRefusedException(answer.address(), answer.response().code(),
                                answer.response().remark());
            }
            TopicStatsTable table = MessageQueueMaps.decode(answer.response().body(), TopicStatsTable.class);
            table.offsetTable().forEach((queue, offsets) -> stats.add(queueStats(queue, offsets)));
        }
        stats.sort(Comparator.comparing(TopicQueueStats::queue));
        return stats;
    }

    private static TopicQueueStats queueStats(MessageQueue queue, TopicOffset offsets) {
        Optional<Instant> last = offsets.lastUpdateTimestamp() > 0
                ? Optional.of(Instant.ofEpochMilli(offsets.lastUpdateTimestamp())) : Optional.empty();
        return new TopicQueueStats(queue, offsets.minOffset(), offsets.maxOffset(), last);
    }

    private Map<String, String> mastersOf(String cluster) {
        Map<String, String> masters = requests.masters(java.util.Objects.requireNonNull(cluster, "cluster"));
        if (masters.isEmpty()) {
            throw new ClientException("cluster " + cluster + " has no master broker");
        }
        return masters;
    }
}
