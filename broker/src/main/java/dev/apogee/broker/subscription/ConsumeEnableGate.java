package dev.apogee.broker.subscription;

import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.transport.RequestContext;
import dev.apogee.remoting.transport.RequestProcessor;
import java.util.concurrent.CompletableFuture;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Stands in front of the pull and pop processors: a pull or pop by a group whose subscription settings
 * have {@code consumeEnable=false} is answered NO_PERMISSION, as on the official broker, and never
 * reaches the store. Acknowledgements and invisible-time changes pass: they settle messages already
 * handed out. Kept apart from the processors so that the switch is one idea in one place.
 */
public final class ConsumeEnableGate implements RequestProcessor {

    private static final Logger LOG = LogManager.getLogger(ConsumeEnableGate.class);

    private final SubscriptionGroupStore groups;
    private final RequestProcessor pull;

    public ConsumeEnableGate(SubscriptionGroupStore groups, RequestProcessor pull) {
        this.groups = groups;
        this.pull = pull;
    }

    @Override
    public CompletableFuture<RemotingCommand> process(RequestContext context, RemotingCommand request)
            throws Exception {
        // Read straight from the fields: the pull processor decodes (and validates) the whole header.
        String group = request.extFields().get("consumerGroup");
        if (group != null && readsMessages(request.code()) && !groups.consumeEnabled(group)) {
            LOG.debug("Pull by group {} refused: its consumption is disabled", group);
            return CompletableFuture.completedFuture(RemotingCommand.responseTo(request, ResponseCode.NO_PERMISSION,
                    "the consumer group " + group + " is not allowed to consume (consumeEnable=false)"));
        }
        return pull.process(context, request);
    }

    private static boolean readsMessages(int code) {
        return code == RequestCode.PULL_MESSAGE || code == RequestCode.LITE_PULL_MESSAGE
                || code == RequestCode.POP_MESSAGE;
    }
}
