package dev.apogee.client.admin;

import dev.apogee.client.BrokerRefusedException;
import dev.apogee.client.ClientException;
import dev.apogee.client.core.ClientRuntime;
import dev.apogee.client.net.Rpc;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.body.BrokerData;
import dev.apogee.remoting.protocol.body.ClusterInfo;
import dev.apogee.remoting.protocol.body.RemotingJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The requests every admin area makes: to the name servers, to one broker, and to every master at
 * once (answers gathered per broker, failures kept beside them so that one broker down does not hide
 * the others). Synchronous: admin tools call from their own background threads.
 */
final class AdminRequests {

    private final ClientRuntime runtime;
    private final long timeoutMillis;

    AdminRequests(ClientRuntime runtime, long timeoutMillis) {
        this.runtime = runtime;
        this.timeoutMillis = timeoutMillis;
    }

    ClientRuntime runtime() {
        return runtime;
    }

    long timeoutMillis() {
        return timeoutMillis;
    }

    /** {@code request} to the name servers (failing over); SUCCESS or {@link BrokerRefusedException}. */
    RemotingCommand nameServer(RemotingCommand request) {
        RemotingCommand response = Rpc.await(runtime.nameServers().invoke(request, timeoutMillis));
        if (response.code() != ResponseCode.SUCCESS) {
            throw new BrokerRefusedException(runtime.nameServers().current(), response.code(), response.remark());
        }
        return response;
    }

    /** {@code request} to every name server (changes each must know of); SUCCESS from all, or the first refusal. */
    void everyNameServer(RemotingCommand request) {
        List<CompletableFuture<RemotingCommand>> calls = new ArrayList<>();
        for (String address : runtime.nameServers().addresses()) {
            calls.add(runtime.rpc().call(address, request.withNewOpaque(), timeoutMillis));
        }
        calls.forEach(Rpc::await);
    }

    /** {@code request} to the broker at {@code address}; SUCCESS or {@link BrokerRefusedException}. */
    RemotingCommand broker(String address, RemotingCommand request) {
        return Rpc.await(runtime.rpc().callPatiently(address, request, timeoutMillis));
    }

    /** {@code request} to the broker at {@code address}, whatever it answers. */
    RemotingCommand brokerAnyAnswer(String address, RemotingCommand request) {
        return Rpc.await(runtime.rpc().invokePatiently(address, request, timeoutMillis));
    }

    /** One broker's answer to a fan-out: its response, or why there is none. */
    record Answer(String brokerName, String address, RemotingCommand response, ClientException failure) {
        boolean ok() {
            return failure == null && response.code() == ResponseCode.SUCCESS;
        }
    }

    /** {@code request} to each broker of {@code addresses} (broker name to address) at once, whatever they answer. */
    List<Answer> fanOut(Map<String, String> addresses, RemotingCommand request) {
        Map<String, CompletableFuture<RemotingCommand>> calls = new LinkedHashMap<>();
        addresses.forEach((name, address) ->
                calls.put(name, runtime.rpc().invokePatiently(address, request.withNewOpaque(), timeoutMillis)));
        List<Answer> answers = new ArrayList<>();
        calls.forEach((name, call) -> {
            try {
                answers.add(new Answer(name, addresses.get(name), Rpc.await(call), null));
            } catch (ClientException e) {
                answers.add(new Answer(name, addresses.get(name), null, e));
            }
        });
        return answers;
    }

    /** The name servers' view of the clusters. */
    ClusterInfo clusterInfo() {
        RemotingCommand response = nameServer(RemotingCommand.request(RequestCode.GET_BROKER_CLUSTER_INFO, null));
        return RemotingJson.decode(response.body(), ClusterInfo.class);
    }

    /** Broker name to master address, of {@code cluster} (every cluster when null), for groups with a master. */
    Map<String, String> masters(String cluster) {
        ClusterInfo info = clusterInfo();
        Map<String, String> masters = new LinkedHashMap<>();
        info.clusterAddrTable().forEach((name, brokerNames) -> {
            if (cluster == null || cluster.equals(name)) {
                addMasters(info, brokerNames, masters);
            }
        });
        if (cluster != null && !info.clusterAddrTable().containsKey(cluster)) {
            throw new ClientException("no name server knows a cluster named " + cluster + "; known: "
                    + info.clusterAddrTable().keySet());
        }
        return masters;
    }

    private static void addMasters(ClusterInfo info, Set<String> brokerNames, Map<String, String> masters) {
        for (String brokerName : brokerNames) {
            BrokerData broker = info.brokerAddrTable().get(brokerName);
            if (broker != null && broker.masterAddr() != null) {
                masters.put(brokerName, broker.masterAddr());
            }
        }
    }
}
