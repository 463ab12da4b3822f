package dev.apogee.client.admin;

import dev.apogee.client.ClientException;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.body.BrokerData;
import dev.apogee.remoting.protocol.body.ClusterInfo;
import dev.apogee.remoting.protocol.body.KVTable;
import dev.apogee.remoting.protocol.body.RemotingJson;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** Clusters, brokers, their runtime figures and their configuration. Get it from {@link AdminClient#clusters()}. */
public final class ClusterAdmin {

    private final AdminRequests requests;

    ClusterAdmin(AdminRequests requests) {
        this.requests = requests;
    }

    /** Every cluster the name servers know, with its brokers (GET_BROKER_CLUSTER_INFO). */
    public List<ClusterView> clusters() {
        ClusterInfo info = requests.clusterInfo();
        List<ClusterView> clusters = new ArrayList<>();
        new TreeMap<>(info.clusterAddrTable()).forEach((cluster, brokerNames) -> {
            List<BrokerView> brokers = new ArrayList<>();
            for (String brokerName : new java.util.TreeSet<>(brokerNames)) {
                BrokerData data = info.brokerAddrTable().get(brokerName);
                if (data != null) {
                    data.brokerAddrs().forEach((id, address) -> brokers.add(new BrokerView(cluster, brokerName, id, address)));
                }
            }
            clusters.add(new ClusterView(cluster, brokers));
        });
        return clusters;
    }

    /** Every broker of every cluster. */
    public List<BrokerView> brokers() {
        return clusters().stream().flatMap(cluster -> cluster.brokers().stream()).toList();
    }

    /** What the broker at {@code address} reports about itself (GET_BROKER_RUNTIME_INFO). */
    public BrokerRuntimeStats runtimeStats(String address) {
        RemotingCommand response = requests.broker(address,
                RemotingCommand.request(RequestCode.GET_BROKER_RUNTIME_INFO, null));
        return new BrokerRuntimeStats(RemotingJson.decode(response.body(), KVTable.class).table());
    }

    /** The configuration of the broker at {@code address}, key to value (GET_BROKER_CONFIG), sorted by key. */
    public Map<String, String> brokerConfig(String address) {
        RemotingCommand response = requests.broker(address, RemotingCommand.request(RequestCode.GET_BROKER_CONFIG, null));
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(response.body() == null ? ""
                    : new String(response.body(), StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException e) {
            throw new ClientException("the configuration of broker " + address + " is not properties text: " + e.getMessage(), e);
        }
        Map<String, String> config = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> config.put(key, properties.getProperty(key)));
        return config;
    }
}
