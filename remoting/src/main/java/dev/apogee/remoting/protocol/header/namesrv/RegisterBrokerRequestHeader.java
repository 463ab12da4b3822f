package dev.apogee.remoting.protocol.header.namesrv;

import dev.apogee.remoting.protocol.header.CommandHeader;
import dev.apogee.remoting.protocol.header.OptionalField;
import dev.apogee.remoting.protocol.header.WireName;

/**
 * Header of REGISTER_BROKER (103), broker to name server.
 *
 * @param brokerName             the broker group
 * @param brokerAddr             {@code host:port} of the broker's listen port
 * @param clusterName            the cluster
 * @param haServerAddr           {@code host:port} of the broker's HA service
 * @param brokerId               0 for a master, positive for a slave
 * @param heartbeatTimeoutMillis silence after which the broker counts as gone;
 *                               null: the server's default
 * @param enableActingMaster     5.x acting-master support; null from older brokers
 * @param compressed             whether the body has the compressed layout
 * @param bodyCrc32              CRC32 of the body masked to 31 bits; 0 skips the check
 * @param zoneName               availability zone, sent under the key {@code __ZONE_NAME}; optional
 */
public record RegisterBrokerRequestHeader(String brokerName, String brokerAddr, String clusterName,
        String haServerAddr, long brokerId,
        @OptionalField Long heartbeatTimeoutMillis, @OptionalField Boolean enableActingMaster,
        @OptionalField boolean compressed, @OptionalField int bodyCrc32,
        @OptionalField @WireName("__ZONE_NAME") String zoneName) implements CommandHeader {
}
