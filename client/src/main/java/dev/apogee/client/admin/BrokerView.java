package dev.apogee.client.admin;

/**
 * One broker process as the name servers know it.
 *
 * @param cluster    its cluster
 * @param brokerName its broker group (a master and its slaves share the name)
 * @param brokerId   0 for the master, above 0 for slaves
 * @param address    {@code host:port}
 */
public record BrokerView(String cluster, String brokerName, long brokerId, String address) {

    /** Whether it is its group's master. */
    public boolean isMaster() {
        return brokerId == 0;
    }
}
