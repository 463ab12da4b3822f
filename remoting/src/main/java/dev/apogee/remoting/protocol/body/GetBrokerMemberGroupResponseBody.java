package dev.apogee.remoting.protocol.body;

/**
 * Body of a GET_BROKER_MEMBER_GROUP response.
 *
 * @param brokerMemberGroup the group asked for
 */
public record GetBrokerMemberGroupResponseBody(BrokerMemberGroup brokerMemberGroup) {
}
