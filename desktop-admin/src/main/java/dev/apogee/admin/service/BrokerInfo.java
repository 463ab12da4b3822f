package dev.apogee.admin.service;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One broker process for the cluster screen. A figure the broker did not report is empty, not 0.
 *
 * @param cluster       its cluster
 * @param brokerName    its broker group
 * @param brokerId      0 for the master
 * @param address       {@code host:port}
 * @param role          {@code MASTER} or {@code SLAVE}
 * @param version       the version it names, e.g. {@code V5_5_0}
 * @param putTps        messages stored per second, recently
 * @param getTps        messages read per second, recently
 * @param diskUsedRatio used fraction (0..1) of the commit log's disk
 * @param problem       why its figures are missing (it did not answer), or null
 */
public record BrokerInfo(String cluster, String brokerName, long brokerId, String address, String role,
                         Optional<String> version, OptionalDouble putTps, OptionalDouble getTps,
                         OptionalDouble diskUsedRatio, String problem) {
}
