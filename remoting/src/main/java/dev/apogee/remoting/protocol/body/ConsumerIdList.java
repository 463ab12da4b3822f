package dev.apogee.remoting.protocol.body;

import java.util.List;

/** GET_CONSUMER_LIST_BY_GROUP (38) answer: the client ids of a group's live members. */
public record ConsumerIdList(List<String> consumerIdList) {
    public ConsumerIdList {
        consumerIdList = consumerIdList == null ? List.of() : List.copyOf(consumerIdList);
    }
}
