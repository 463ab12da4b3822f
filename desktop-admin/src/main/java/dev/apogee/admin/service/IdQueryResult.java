package dev.apogee.admin.service;

import java.util.List;

/**
 * The answer to a query by message id.
 *
 * @param kind     what the id turned out to be
 * @param messages the messages found, usually one
 */
public record IdQueryResult(IdKind kind, List<MessageRecord> messages) {

    public IdQueryResult {
        messages = List.copyOf(messages);
    }
}
