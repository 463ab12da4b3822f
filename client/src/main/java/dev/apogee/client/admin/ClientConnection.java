package dev.apogee.client.admin;

/**
 * One client connected to a broker as a member of a group.
 *
 * @param clientId the id the client announced ({@code ip@instance})
 * @param address  the {@code host:port} the broker sees it at
 * @param language the client's language ({@code JAVA}, {@code CPP}, ...)
 * @param version  the protocol version it announced (RocketMQ's numbering)
 */
public record ClientConnection(String clientId, String address, String language, int version) {
}
