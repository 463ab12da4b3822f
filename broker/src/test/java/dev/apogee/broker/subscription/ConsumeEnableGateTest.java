package dev.apogee.broker.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.apogee.remoting.protocol.HeaderFields;
import dev.apogee.remoting.protocol.LanguageCode;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.SerializeType;
import dev.apogee.remoting.protocol.body.SubscriptionGroupConfig;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsumeEnableGateTest {

    @TempDir
    Path dir;

    private static RemotingCommand request(int code, String group) {
        return new RemotingCommand(code, LanguageCode.JAVA, 0, 1, 0, null,
                HeaderFields.builder().put("consumerGroup", group).put("topic", "T").build(), null, SerializeType.JSON);
    }

    @Test
    void aDisabledGroupCannotPullOrPopButCanStillSettleWhatItHolds() throws Exception {
        try (SubscriptionGroupStore groups = SubscriptionGroupStore.open(dir)) {
            groups.put(SubscriptionGroupConfig.defaults("stopped").withConsumeEnable(false));
            AtomicInteger reached = new AtomicInteger();
            ConsumeEnableGate gate = new ConsumeEnableGate(groups, (context, request) -> {
                reached.incrementAndGet();
                return CompletableFuture.completedFuture(RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null));
            });

            for (int code : new int[] {RequestCode.PULL_MESSAGE, RequestCode.LITE_PULL_MESSAGE, RequestCode.POP_MESSAGE}) {
                assertEquals(ResponseCode.NO_PERMISSION, gate.process(null, request(code, "stopped")).join().code());
                assertEquals(ResponseCode.SUCCESS, gate.process(null, request(code, "running")).join().code());
            }
            assertEquals(3, reached.get());
            for (int code : new int[] {RequestCode.ACK_MESSAGE, RequestCode.CHANGE_MESSAGE_INVISIBLETIME}) {
                assertEquals(ResponseCode.SUCCESS, gate.process(null, request(code, "stopped")).join().code());
            }
            assertEquals(5, reached.get());
        }
    }
}
