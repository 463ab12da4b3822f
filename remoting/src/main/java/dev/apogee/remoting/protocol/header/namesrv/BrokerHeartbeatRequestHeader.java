package dev.apogee.remoting.protocol.header.namesrv;

import dev.apogee.remoting.protocol.header.CommandHeader;
import dev.apogee.remoting.protocol.header.OptionalField;

/**
 * Header of BROKER_HEARTBEAT (904): a lightweight keep-alive between full registrations.
 * The official field name {@code heartbeatTimeoutMills} (sic) is kept.
 *
 * @param clusterName           the cluster
 * @param brokerAddr            the broker's address
 * @param brokerName            the broker group
 * @param brokerId              the broker's id; optional
 * @param epoch                 controller epoch; optional
 * @param maxOffset             commit-log max offset; optional
 * @param confirmOffset         commit-log confirmed offset; optional
 * @param heartbeatTimeoutMills the broker's heartbeat timeout; optional
 * @param electionPriority      controller election priority; optional
 */
public record BrokerHeartbeatRequestHeader(
        String clusterName, String brokerAddr, String brokerName,
        @OptionalField Long brokerId,
        @OptionalField Integer epoch, @OptionalField Long maxOffset, @OptionalField Long confirmOffset,
        @OptionalField Long heartbeatTimeoutMills, @OptionalField Integer electionPriority) implements CommandHeader {
}
