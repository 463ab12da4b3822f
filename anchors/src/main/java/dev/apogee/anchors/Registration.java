package dev.apogee.anchors;

import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.body.BodyException;
import dev.apogee.remoting.protocol.body.BrokerData;
import dev.apogee.remoting.protocol.body.ClusterInfo;
import dev.apogee.remoting.protocol.body.RemotingJson;
import dev.apogee.remoting.transport.ClientConfig;
import dev.apogee.remoting.transport.RemotingClient;
import dev.apogee.remoting.transport.RemotingException;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;

/**
 * Waits until a name server lists a broker as its cluster's master at its address, asking with
 * GET_BROKER_CLUSTER_INFO through Apogee's own client. The broker prints "boot success" after it sent its
 * first registration, yet on this project's machines the name server has, in some runs, listed it only
 * 1.3-1.4 s later (and a test that asked at once found it missing); a registration that fails is only
 * logged, and the next comes 30 s later. Only the name server's answer says a client can find the broker.
 */
final class Registration {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final long REQUEST_TIMEOUT_MILLIS = 3_000;

    private Registration() {
    }

    /**
     * Returns once {@code namesrv} lists {@code brokerName} of {@code cluster} with master {@code brokerAddress}.
     *
     * @throws IOException if {@code broker} exits first or {@code timeout} passes; with its output's tail
     */
    static void await(String namesrv, String cluster, String brokerName, String brokerAddress, ChildProcess broker,
                      Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (RemotingClient client = new RemotingClient(ClientConfig.defaults("anchors-registration"))) {
            client.start();
            while (!registered(client, namesrv, cluster, brokerName, brokerAddress)) {
                if (!broker.isAlive()) {
                    throw new IOException(broker.name() + " " + broker.exitDescription() + " before name server "
                            + namesrv + " listed it; its last output:" + System.lineSeparator() + broker.logTail(40));
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("name server " + namesrv + " does not list " + brokerName + " at "
                            + brokerAddress + " after " + timeout.toSeconds() + " s (see logs/rocketmqlogs/broker.log"
                            + " beside " + broker.log().getFileName() + "); the broker's last output:"
                            + System.lineSeparator() + broker.logTail(40));
                }
                try {
                    Thread.sleep(POLL.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for " + brokerName + " to register", e);
                }
            }
        }
    }

    private static boolean registered(RemotingClient client, String namesrv, String cluster, String brokerName,
                                      String brokerAddress) {
        try {
            RemotingCommand answer = client.invokeSync(namesrv,
                    RemotingCommand.request(RequestCode.GET_BROKER_CLUSTER_INFO, null), REQUEST_TIMEOUT_MILLIS);
            if (answer.code() != ResponseCode.SUCCESS) {
                return false;
            }
            ClusterInfo info = RemotingJson.decode(answer.body(), ClusterInfo.class);
            BrokerData broker = info.brokerAddrTable().get(brokerName);
            return broker != null && brokerAddress.equals(broker.masterAddr())
                    && info.clusterAddrTable().getOrDefault(cluster, Set.of()).contains(brokerName);
        } catch (RemotingException | BodyException e) {
            // Not answering yet, or an answer without brokers (no body): not registered yet.
            return false;
        }
    }
}
