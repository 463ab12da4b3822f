package dev.apogee.remoting.protocol.body;

import java.util.Map;

/**
 * GET_ALL_CONSUMER_OFFSET (43) answer: every committed offset of a broker.
 *
 * @param offsetTable {@code topic@group} to queue id to offset
 * @param dataVersion version of the table
 */
public record ConsumerOffsetSerializeWrapper(Map<String, Map<Integer, Long>> offsetTable, DataVersion dataVersion) {

    public ConsumerOffsetSerializeWrapper {
        offsetTable = BodyCollections.map(offsetTable);
        dataVersion = dataVersion == null ? DataVersion.ZERO : dataVersion;
    }
}
