package dev.apogee.admin.service;

/**
 * A consumer connected as a member of a group.
 *
 * @param clientId its client id
 * @param address  the {@code host:port} the broker sees
 * @param language its language ({@code JAVA}, ...)
 * @param version  the protocol version it announced
 */
public record ClientInfo(String clientId, String address, String language, int version) {
}
