package dev.apogee.broker.processor.admin;

import dev.apogee.broker.offset.ConsumerOffsetStore;
import dev.apogee.broker.pop.PopLeases;
import dev.apogee.broker.subscription.SubscriptionGroupStore;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.body.RemotingJson;
import dev.apogee.remoting.protocol.body.SubscriptionGroupConfig;
import dev.apogee.remoting.protocol.body.SubscriptionGroupWrapper;
import dev.apogee.remoting.protocol.header.broker.DeleteSubscriptionGroupRequestHeader;
import dev.apogee.remoting.protocol.header.broker.GroupRequestHeader;
import dev.apogee.remoting.transport.RequestContext;
import dev.apogee.remoting.transport.RequestProcessor;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Subscription groups: UPDATE_AND_CREATE_SUBSCRIPTIONGROUP (200), GET_SUBSCRIPTIONGROUP_CONFIG (352),
 * GET_ALL_SUBSCRIPTIONGROUP_CONFIG (201) and DELETE_SUBSCRIPTIONGROUP (207).
 */
public final class SubscriptionGroupProcessor implements RequestProcessor {

    public static final int[] CODES = {RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP,
        RequestCode.GET_SUBSCRIPTIONGROUP_CONFIG, RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG,
        RequestCode.DELETE_SUBSCRIPTIONGROUP};
    private static final Logger LOG = LogManager.getLogger(SubscriptionGroupProcessor.class);
    /** The official limit on group names; the characters are those of topic names. */
    private static final int MAX_GROUP_LENGTH = 255;
    private static final Pattern VALID_GROUP = Pattern.compile("[|a-zA-Z0-9_-]+");

    private final SubscriptionGroupStore groups;
    private final ConsumerOffsetStore offsets;
    private final PopLeases pops;

    public SubscriptionGroupProcessor(SubscriptionGroupStore groups, ConsumerOffsetStore offsets, PopLeases pops) {
        this.pops = pops;
        this.groups = groups;
        this.offsets = offsets;
    }

    @Override
    public CompletableFuture<RemotingCommand> process(RequestContext context, RemotingCommand request)
            throws SQLException {
        return CompletableFuture.completedFuture(switch (request.code()) {
            case RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP -> update(context, request);
            case RequestCode.GET_SUBSCRIPTIONGROUP_CONFIG -> {
                String group = request.header(GroupRequestHeader.class).group();
                SubscriptionGroupConfig config = groups.get(group);
                yield config == null
                        ? RemotingCommand.responseTo(request, ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST,
                                "the subscription group " + group + " does not exist")
                        : RemotingCommand.success(request, RemotingJson.encode(config));
            }
            case RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG -> RemotingCommand.success(request, RemotingJson.encode(
                    new SubscriptionGroupWrapper(Map.copyOf(groups.all()), Map.of(), groups.dataVersion())));
            default -> delete(context, request);
        });
    }

    private RemotingCommand update(RequestContext context, RemotingCommand request) throws SQLException {
        SubscriptionGroupConfig config = RemotingJson.decode(request.body(), SubscriptionGroupConfig.class);
        String problem = groupProblem(config.groupName());
        if (problem == null && (config.retryQueueNums() < 0 || config.retryMaxTimes() < -1)) {
            problem = "retryQueueNums and retryMaxTimes must not be negative";
        }
        if (problem != null) {
            return refuse(context, request, problem);
        }
        groups.put(config);
        LOG.info("Subscription group {} created or updated by {}: consumeEnable={}, retryMaxTimes={}",
                config.groupName(), context.remoteAddress(), config.consumeEnable(), config.retryMaxTimes());
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
    }

    /** Deleting an unknown group succeeds, so that a repeated delete is harmless. */
    private RemotingCommand delete(RequestContext context, RemotingCommand request) throws SQLException {
        DeleteSubscriptionGroupRequestHeader header = request.header(DeleteSubscriptionGroupRequestHeader.class);
        String problem = groupProblem(header.groupName());
        if (problem != null) {
            return refuse(context, request, problem);
        }
        boolean existed = groups.delete(header.groupName());
        boolean cleanOffsets = Boolean.TRUE.equals(header.cleanOffset());
        if (cleanOffsets) {
            offsets.removeGroup(header.groupName());
            pops.forgetGroup(header.groupName());
        }
        LOG.info("Subscription group {} deleted by {}{}{}", header.groupName(), context.remoteAddress(),
                cleanOffsets ? " with its offsets" : "", existed ? "" : " (it did not exist)");
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
    }

    /**
     * Null if an administrator may manage the group. Names starting with {@code %} are refused: the
     * broker keeps its own positions (delayed, timer and transactional messages) under such names.
     */
    static String groupProblem(String group) {
        if (group == null || group.isEmpty()) {
            return "the group name is empty";
        }
        if (group.startsWith("%")) {
            return "group names starting with % are reserved for the broker";
        }
        if (group.length() > MAX_GROUP_LENGTH) {
            return "the group name is longer than " + MAX_GROUP_LENGTH + " characters";
        }
        return VALID_GROUP.matcher(group).matches() ? null
                : "the group name '" + group + "' has characters other than letters, digits, |, _ and -";
    }

    private static RemotingCommand refuse(RequestContext context, RemotingCommand request, String why) {
        LOG.info("{} from {} refused: {}", RequestCode.name(request.code()), context.remoteAddress(), why);
        return RemotingCommand.responseTo(request, ResponseCode.INVALID_PARAMETER, why);
    }
}
