package dev.apogee.remoting.protocol.body;

import dev.apogee.remoting.protocol.LanguageCode;

/**
 * One client connection as the admin tools list it.
 *
 * @param clientId   the client's id ({@code ip@instance})
 * @param clientAddr the connection's remote {@code host:port}
 * @param language   the client's language, from its heartbeat command
 * @param version    the client's version ordinal, from its heartbeat command
 */
public record Connection(String clientId, String clientAddr, LanguageCode language, int version) {
}
