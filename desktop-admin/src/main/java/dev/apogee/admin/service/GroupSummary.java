package dev.apogee.admin.service;

import java.util.OptionalLong;

/**
 * A consumer group in the group list.
 *
 * @param group         the group
 * @param totalLag      messages not consumed over all its queues; empty when any part is unknown
 * @param consumeTps    messages consumed per second recently
 * @param onlineClients members connected now
 * @param system        whether it is a group of the brokers or the official tools
 * @param problem       why figures are missing (a broker did not answer), or null
 */
public record GroupSummary(String group, OptionalLong totalLag, double consumeTps, int onlineClients, boolean system,
                           String problem) {
}
