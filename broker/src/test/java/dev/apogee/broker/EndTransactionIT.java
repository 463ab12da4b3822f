package dev.apogee.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.namesrv.NamesrvConfig;
import dev.apogee.namesrv.NamesrvServer;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.header.broker.EndTransactionRequestHeader;
import dev.apogee.remoting.protocol.header.broker.SendMessageRequestHeaderV2;
import dev.apogee.remoting.protocol.message.MessageIds;
import dev.apogee.remoting.protocol.message.MessageSysFlag;
import dev.apogee.remoting.transport.ClientConfig;
import dev.apogee.remoting.transport.RemotingClient;
import dev.apogee.store.GetResult;
import dev.apogee.store.MessageFilter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * END_TRANSACTION over a real connection, with the requests a confused or hostile producer could send:
 * offsets that name nothing, a normal message, another group's half message, and a second decision.
 */
@Timeout(60)
class EndTransactionIT {

    private static final String GROUP = "tx-group";

    @TempDir
    Path dataDir;

    private NamesrvServer namesrv;
    private BrokerServer broker;
    private RemotingClient client;
    private String address;

    @BeforeEach
    void start() throws Exception {
        namesrv = new NamesrvServer(NamesrvConfig.defaults().withBindAddress("127.0.0.1").withPort(0)
                .withDataDir(dataDir.resolve("namesrv")));
        namesrv.start();
        broker = new BrokerServer(BrokerConfig.defaults().withListen("127.0.0.1", 0).withDataDir(dataDir.resolve("broker"))
                .withNameServers(List.of("127.0.0.1:" + namesrv.port())).withCommitLogSegmentSize(8 << 20));
        broker.start();
        client = new RemotingClient(ClientConfig.defaults("end-tx-it"));
        client.start();
        address = "127.0.0.1:" + broker.port();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (namesrv != null) {
            namesrv.close();
        }
    }

    /** A sent message's physical offset and queue offset. */
    private record Sent(long physicalOffset, long queueOffset, String msgId) {
    }

    private Sent send(String topic, int sysFlag, String properties, byte body) {
        SendMessageRequestHeaderV2 header = new SendMessageRequestHeaderV2(GROUP, topic, "TBW102", 4, 0, sysFlag,
                System.currentTimeMillis(), 0, properties, 0, false, null, false, null);
        RemotingCommand answer = client.invokeSync(address,
                RemotingCommand.request(RequestCode.SEND_MESSAGE_V2, header, new byte[] {body}), 5000);
        assertEquals(ResponseCode.SUCCESS, answer.code(), answer.remark());
        String msgId = answer.extFields().get("msgId");
        return new Sent(MessageIds.decode(msgId).physicalOffset(), Long.parseLong(answer.extFields().get("queueOffset")),
                msgId);
    }

    private Sent sendHalf(byte body) {
        return send("Payments", MessageSysFlag.TRANSACTION_PREPARED,
                "TRAN_MSG\u0001true\u0002PGROUP\u0001" + GROUP + "\u0002", body);
    }

    private RemotingCommand end(String group, long queueOffset, long physicalOffset, int decision) {
        EndTransactionRequestHeader header = new EndTransactionRequestHeader("Payments", group, queueOffset,
                physicalOffset, decision, false, "id", null);
        return client.invokeSync(address, RemotingCommand.request(RequestCode.END_TRANSACTION, header), 5000);
    }

    /** What reached the real topic, once the store has dispatched everything it holds. */
    private int deliveredToPayments() {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (broker.store().dispatchedOffset() < broker.store().commitLogMaxOffset() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        int count = 0;
        for (int queue = 0; queue < 4; queue++) {
            GetResult result = broker.store().get("Payments", queue, 0, 100, 1 << 20, MessageFilter.ALL);
            count += result.messageCount();
        }
        return count;
    }

    @Test
    void offsetsThatNameNoHalfMessageAreRefusedAndDeliverNothing() {
        Sent half = sendHalf((byte) 1);
        Sent normal = send("Ledger", 0, "", (byte) 2);

        RemotingCommand bogus = end(GROUP, 0, half.physicalOffset() + 1_000_000, MessageSysFlag.TRANSACTION_COMMIT);
        assertEquals(ResponseCode.SYSTEM_ERROR, bogus.code());
        assertNotNull(bogus.remark());
        assertTrue(bogus.remark().contains("no half message"), bogus.remark());
        assertEquals(ResponseCode.SYSTEM_ERROR, end(GROUP, 0, -5, MessageSysFlag.TRANSACTION_COMMIT).code());
        // Inside the half message's record rather than at its start.
        assertEquals(ResponseCode.SYSTEM_ERROR,
                end(GROUP, half.queueOffset(), half.physicalOffset() + 3, MessageSysFlag.TRANSACTION_COMMIT).code());
        // A normal message is not a half message, whatever the queue offset says.
        assertEquals(ResponseCode.SYSTEM_ERROR,
                end(GROUP, normal.queueOffset(), normal.physicalOffset(), MessageSysFlag.TRANSACTION_COMMIT).code());
        // The right offset with the wrong queue offset, or of another producer group.
        assertEquals(ResponseCode.SYSTEM_ERROR,
                end(GROUP, half.queueOffset() + 7, half.physicalOffset(), MessageSysFlag.TRANSACTION_COMMIT).code());
        assertEquals(ResponseCode.SYSTEM_ERROR,
                end("other-group", half.queueOffset(), half.physicalOffset(), MessageSysFlag.TRANSACTION_COMMIT).code());
        assertEquals(0, deliveredToPayments());

        // The half message is still there to be decided by its own producer.
        assertEquals(ResponseCode.SUCCESS,
                end(GROUP, half.queueOffset(), half.physicalOffset(), MessageSysFlag.TRANSACTION_COMMIT).code());
        assertEquals(1, deliveredToPayments());
    }

    @Test
    void aSecondDecisionChangesNothing() {
        Sent committed = sendHalf((byte) 1);
        Sent rolledBack = sendHalf((byte) 2);

        assertEquals(ResponseCode.SUCCESS, end(GROUP, committed.queueOffset(), committed.physicalOffset(),
                MessageSysFlag.TRANSACTION_COMMIT).code());
        assertEquals(ResponseCode.SUCCESS, end(GROUP, rolledBack.queueOffset(), rolledBack.physicalOffset(),
                MessageSysFlag.TRANSACTION_ROLLBACK).code());
        // Repeats (a check answered after the producer's own END_TRANSACTION) are answered, not applied.
        assertEquals(ResponseCode.SUCCESS, end(GROUP, committed.queueOffset(), committed.physicalOffset(),
                MessageSysFlag.TRANSACTION_COMMIT).code());
        assertEquals(ResponseCode.SUCCESS, end(GROUP, rolledBack.queueOffset(), rolledBack.physicalOffset(),
                MessageSysFlag.TRANSACTION_COMMIT).code());

        assertEquals(1, deliveredToPayments());
        GetResult delivered = broker.store().get("Payments", 0, 0, 10, 1 << 20, MessageFilter.ALL);
        assertEquals(1, delivered.messageCount());
    }
}
