package dev.apogee.remoting.protocol.header.namesrv;

import dev.apogee.remoting.protocol.header.CommandHeader;

/**
 * Header of REGISTER_TOPIC_IN_NAMESRV (217); the body is a TopicRouteData with the queues.
 *
 * @param topic the topic
 */
public record RegisterTopicRequestHeader(String topic) implements CommandHeader {
}
