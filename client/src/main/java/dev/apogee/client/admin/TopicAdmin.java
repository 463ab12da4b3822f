package dev.apogee.client.admin;

import dev.apogee.client.BrokerRefusedException;
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
     * @throws PartialChangeException                  if some masters took the change and others did not
     *                                                  (it was tried on every one)
     * @throws dev.apogee.client.BrokerRefusedException with the broker's code and remark if every master refused
     * @throws ClientException                          if the cluster is unknown or has no master
     */
    public void createOrUpdate(String cluster, TopicSpec spec) {
        Map<String, String> masters = mastersOf(cluster);
        RemotingCommand request = RemotingCommand.request(RequestCode.UPDATE_AND_CREATE_TOPIC, new CreateTopicRequestHeader(
                spec.name(), Topics.AUTO_CREATE_KEY, spec.readQueues(), spec.writeQueues(), spec.perm(), "SINGLE_TAG",
                0, spec.ordered(), null, null));
        onEveryMaster("create or update of topic " + spec.name(), masters, request);
    }

    /**
     * Deletes {@code topic} from every master of {@code cluster} (DELETE_TOPIC_IN_BROKER: its config and
     * every group's offsets on it) and then from every name server (DELETE_TOPIC_IN_NAMESRV). Its
     * messages age out with the brokers' retention. Deleting an unknown topic succeeds.
     *
     * @throws PartialChangeException if some masters deleted it and others did not (the name servers forgot
     *                                it all the same)
     */
    public void delete(String cluster, String topic) {
        Topics.checkName(topic);
        Map<String, String> masters = mastersOf(cluster);
        RemotingCommand request = RemotingCommand.request(RequestCode.DELETE_TOPIC_IN_BROKER, new TopicRequestHeader(topic));
        PartialChangeException partly = null;
        try {
            onEveryMaster("delete of topic " + topic, masters, request);
        } catch (PartialChangeException e) {
            partly = e;
        }
        // The name servers forget the route even when a broker did not answer: the brokers that deleted
        // it no longer register it, and one that comes back with it registers it again, as it should.
        requests.everyNameServer(RemotingCommand.request(RequestCode.DELETE_TOPIC_IN_NAMESRV,
                new DeleteTopicFromNamesrvRequestHeader(topic, cluster)));
        if (partly != null) {
            throw partly;
        }
    }

    /**
     * Sends {@code request} to every master at once and waits for all of them, so that one refusing
     * master does not keep the change from the others.
     *
     * @throws PartialChangeException if some masters did not take it (naming those that did)
     */
    private void onEveryMaster(String what, Map<String, String> masters, RemotingCommand request) {
        List<String> changed = new ArrayList<>();
        Map<String, ClientException> failures = new java.util.LinkedHashMap<>();
        for (AdminRequests.Answer answer : requests.fanOut(masters, request)) {
            if (answer.ok()) {
                changed.add(answer.brokerName());
            } else {
                failures.put(answer.brokerName(), answer.failure() != null ? answer.failure()
                        : new BrokerRefusedException(answer.address(), answer.response().code(),
                                answer.response().remark()));
            }
        }
        if (failures.isEmpty()) {
            return;
        }
        if (changed.isEmpty()) {
            // Nothing changed anywhere: the refusal itself (with the broker's code) says it best.
            ClientException first = failures.values().iterator().next();
            failures.values().stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
        throw new PartialChangeException(what, changed, failures);
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
