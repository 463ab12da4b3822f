package dev.apogee.remoting.protocol;

import java.util.Map;

/**
 * Response codes of the RocketMQ remoting protocol. Codes 0..4 are the generic ones every
 * processor may answer; the rest are specific to a request family.
 */
public final class ResponseCode {
    public static final int SUCCESS = 0;
    public static final int SYSTEM_ERROR = 1;
    public static final int SYSTEM_BUSY = 2;
    public static final int REQUEST_CODE_NOT_SUPPORTED = 3;
    public static final int TRANSACTION_FAILED = 4;
    public static final int FLUSH_DISK_TIMEOUT = 10;
    public static final int SLAVE_NOT_AVAILABLE = 11;
    public static final int FLUSH_SLAVE_TIMEOUT = 12;
    public static final int MESSAGE_ILLEGAL = 13;
    public static final int SERVICE_NOT_AVAILABLE = 14;
    public static final int VERSION_NOT_SUPPORTED = 15;
    public static final int NO_PERMISSION = 16;
    public static final int TOPIC_NOT_EXIST = 17;
    public static final int TOPIC_EXIST_ALREADY = 18;
    public static final int PULL_NOT_FOUND = 19;
    public static final int PULL_RETRY_IMMEDIATELY = 20;
    public static final int PULL_OFFSET_MOVED = 21;
    public static final int QUERY_NOT_FOUND = 22;
    public static final int SUBSCRIPTION_PARSE_FAILED = 23;
    public static final int SUBSCRIPTION_NOT_EXIST = 24;
    public static final int SUBSCRIPTION_NOT_LATEST = 25;
    public static final int SUBSCRIPTION_GROUP_NOT_EXIST = 26;
    public static final int FILTER_DATA_NOT_EXIST = 27;
    public static final int FILTER_DATA_NOT_LATEST = 28;
    public static final int INVALID_PARAMETER = 29;
    public static final int TRANSACTION_SHOULD_COMMIT = 200;
    public static final int TRANSACTION_SHOULD_ROLLBACK = 201;
    public static final int TRANSACTION_STATE_UNKNOW = 202;
    public static final int TRANSACTION_STATE_GROUP_WRONG = 203;
    public static final int NO_BUYER_ID = 204;
    public static final int NOT_IN_CURRENT_UNIT = 205;
    public static final int CONSUMER_NOT_ONLINE = 206;
    public static final int CONSUME_MSG_TIMEOUT = 207;
    public static final int NO_MESSAGE = 208;
    public static final int POLLING_FULL = 209;
    public static final int POLLING_TIMEOUT = 210;
    public static final int BROKER_NOT_EXIST = 211;
    public static final int BROKER_DISPATCH_NOT_COMPLETE = 212;
    public static final int BROADCAST_CONSUMPTION = 213;
    public static final int FLOW_CONTROL = 215;
    public static final int NOT_LEADER_FOR_QUEUE = 501;
    public static final int ILLEGAL_OPERATION = 604;
    public static final int RPC_UNKNOWN = -1000;
    public static final int RPC_ADDR_IS_NULL = -1002;
    public static final int RPC_SEND_TO_CHANNEL_FAILED = -1004;
    public static final int RPC_TIME_OUT = -1006;
    public static final int GO_AWAY = 1500;
    public static final int CONTROLLER_FENCED_MASTER_EPOCH = 2000;
    public static final int CONTROLLER_FENCED_SYNC_STATE_SET_EPOCH = 2001;
    public static final int CONTROLLER_INVALID_MASTER = 2002;
    public static final int CONTROLLER_INVALID_REPLICAS = 2003;
    public static final int CONTROLLER_MASTER_NOT_AVAILABLE = 2004;
    public static final int CONTROLLER_INVALID_REQUEST = 2005;
    public static final int CONTROLLER_BROKER_NOT_ALIVE = 2006;
    public static final int CONTROLLER_NOT_LEADER = 2007;
    public static final int CONTROLLER_BROKER_METADATA_NOT_EXIST = 2008;
    public static final int CONTROLLER_INVALID_CLEAN_BROKER_METADATA = 2009;
    public static final int CONTROLLER_BROKER_NEED_TO_BE_REGISTERED = 2010;
    public static final int CONTROLLER_MASTER_STILL_EXIST = 2011;
    public static final int CONTROLLER_ELECT_MASTER_FAILED = 2012;
    public static final int CONTROLLER_ALTER_SYNC_STATE_SET_FAILED = 2013;
    public static final int CONTROLLER_BROKER_ID_INVALID = 2014;
    public static final int CONTROLLER_JRAFT_INTERNAL_ERROR = 2015;
    public static final int CONTROLLER_BROKER_LIVE_INFO_NOT_EXISTS = 2016;
    public static final int USER_NOT_EXIST = 3001;
    public static final int POLICY_NOT_EXIST = 3002;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(SUCCESS, "SUCCESS"),
            Map.entry(SYSTEM_ERROR, "SYSTEM_ERROR"),
            Map.entry(SYSTEM_BUSY, "SYSTEM_BUSY"),
            Map.entry(REQUEST_CODE_NOT_SUPPORTED, "REQUEST_CODE_NOT_SUPPORTED"),
            Map.entry(TRANSACTION_FAILED, "TRANSACTION_FAILED"),
            Map.entry(FLUSH_DISK_TIMEOUT, "FLUSH_DISK_TIMEOUT"),
            Map.entry(SLAVE_NOT_AVAILABLE, "SLAVE_NOT_AVAILABLE"),
            Map.entry(FLUSH_SLAVE_TIMEOUT, "FLUSH_SLAVE_TIMEOUT"),
            Map.entry(MESSAGE_ILLEGAL, "MESSAGE_ILLEGAL"),
            Map.entry(SERVICE_NOT_AVAILABLE, "SERVICE_NOT_AVAILABLE"),
            Map.entry(VERSION_NOT_SUPPORTED, "VERSION_NOT_SUPPORTED"),
            Map.entry(NO_PERMISSION, "NO_PERMISSION"),
            Map.entry(TOPIC_NOT_EXIST, "TOPIC_NOT_EXIST"),
            Map.entry(TOPIC_EXIST_ALREADY, "TOPIC_EXIST_ALREADY"),
            Map.entry(PULL_NOT_FOUND, "PULL_NOT_FOUND"),
            Map.entry(PULL_RETRY_IMMEDIATELY, "PULL_RETRY_IMMEDIATELY"),
            Map.entry(PULL_OFFSET_MOVED, "PULL_OFFSET_MOVED"),
            Map.entry(QUERY_NOT_FOUND, "QUERY_NOT_FOUND"),
            Map.entry(SUBSCRIPTION_PARSE_FAILED, "SUBSCRIPTION_PARSE_FAILED"),
            Map.entry(SUBSCRIPTION_NOT_EXIST, "SUBSCRIPTION_NOT_EXIST"),
            Map.entry(SUBSCRIPTION_NOT_LATEST, "SUBSCRIPTION_NOT_LATEST"),
            Map.entry(SUBSCRIPTION_GROUP_NOT_EXIST, "SUBSCRIPTION_GROUP_NOT_EXIST"),
            Map.entry(FILTER_DATA_NOT_EXIST, "FILTER_DATA_NOT_EXIST"),
            Map.entry(FILTER_DATA_NOT_LATEST, "FILTER_DATA_NOT_LATEST"),
            Map.entry(INVALID_PARAMETER, "INVALID_PARAMETER"),
            Map.entry(TRANSACTION_SHOULD_COMMIT, "TRANSACTION_SHOULD_COMMIT"),
            Map.entry(TRANSACTION_SHOULD_ROLLBACK, "TRANSACTION_SHOULD_ROLLBACK"),
            Map.entry(TRANSACTION_STATE_UNKNOW, "TRANSACTION_STATE_UNKNOW"),
            Map.entry(TRANSACTION_STATE_GROUP_WRONG, "TRANSACTION_STATE_GROUP_WRONG"),
            Map.entry(NO_BUYER_ID, "NO_BUYER_ID"),
            Map.entry(NOT_IN_CURRENT_UNIT, "NOT_IN_CURRENT_UNIT"),
            Map.entry(CONSUMER_NOT_ONLINE, "CONSUMER_NOT_ONLINE"),
            Map.entry(CONSUME_MSG_TIMEOUT, "CONSUME_MSG_TIMEOUT"),
            Map.entry(NO_MESSAGE, "NO_MESSAGE"),
            Map.entry(POLLING_FULL, "POLLING_FULL"),
            Map.entry(POLLING_TIMEOUT, "POLLING_TIMEOUT"),
            Map.entry(BROKER_NOT_EXIST, "BROKER_NOT_EXIST"),
            Map.entry(BROKER_DISPATCH_NOT_COMPLETE, "BROKER_DISPATCH_NOT_COMPLETE"),
            Map.entry(BROADCAST_CONSUMPTION, "BROADCAST_CONSUMPTION"),
            Map.entry(FLOW_CONTROL, "FLOW_CONTROL"),
            Map.entry(NOT_LEADER_FOR_QUEUE, "NOT_LEADER_FOR_QUEUE"),
            Map.entry(ILLEGAL_OPERATION, "ILLEGAL_OPERATION"),
            Map.entry(RPC_UNKNOWN, "RPC_UNKNOWN"),
            Map.entry(RPC_ADDR_IS_NULL, "RPC_ADDR_IS_NULL"),
            Map.entry(RPC_SEND_TO_CHANNEL_FAILED, "RPC_SEND_TO_CHANNEL_FAILED"),
            Map.entry(RPC_TIME_OUT, "RPC_TIME_OUT"),
            Map.entry(GO_AWAY, "GO_AWAY"),
            Map.entry(CONTROLLER_FENCED_MASTER_EPOCH, "CONTROLLER_FENCED_MASTER_EPOCH"),
            Map.entry(CONTROLLER_FENCED_SYNC_STATE_SET_EPOCH, "CONTROLLER_FENCED_SYNC_STATE_SET_EPOCH"),
            Map.entry(CONTROLLER_INVALID_MASTER, "CONTROLLER_INVALID_MASTER"),
            Map.entry(CONTROLLER_INVALID_REPLICAS, "CONTROLLER_INVALID_REPLICAS"),
            Map.entry(CONTROLLER_MASTER_NOT_AVAILABLE, "CONTROLLER_MASTER_NOT_AVAILABLE"),
            Map.entry(CONTROLLER_INVALID_REQUEST, "CONTROLLER_INVALID_REQUEST"),
            Map.entry(CONTROLLER_BROKER_NOT_ALIVE, "CONTROLLER_BROKER_NOT_ALIVE"),
            Map.entry(CONTROLLER_NOT_LEADER, "CONTROLLER_NOT_LEADER"),
            Map.entry(CONTROLLER_BROKER_METADATA_NOT_EXIST, "CONTROLLER_BROKER_METADATA_NOT_EXIST"),
            Map.entry(CONTROLLER_INVALID_CLEAN_BROKER_METADATA, "CONTROLLER_INVALID_CLEAN_BROKER_METADATA"),
            Map.entry(CONTROLLER_BROKER_NEED_TO_BE_REGISTERED, "CONTROLLER_BROKER_NEED_TO_BE_REGISTERED"),
            Map.entry(CONTROLLER_MASTER_STILL_EXIST, "CONTROLLER_MASTER_STILL_EXIST"),
            Map.entry(CONTROLLER_ELECT_MASTER_FAILED, "CONTROLLER_ELECT_MASTER_FAILED"),
            Map.entry(CONTROLLER_ALTER_SYNC_STATE_SET_FAILED, "CONTROLLER_ALTER_SYNC_STATE_SET_FAILED"),
            Map.entry(CONTROLLER_BROKER_ID_INVALID, "CONTROLLER_BROKER_ID_INVALID"),
            Map.entry(CONTROLLER_JRAFT_INTERNAL_ERROR, "CONTROLLER_JRAFT_INTERNAL_ERROR"),
            Map.entry(CONTROLLER_BROKER_LIVE_INFO_NOT_EXISTS, "CONTROLLER_BROKER_LIVE_INFO_NOT_EXISTS"),
            Map.entry(USER_NOT_EXIST, "USER_NOT_EXIST"),
            Map.entry(POLICY_NOT_EXIST, "POLICY_NOT_EXIST"));

    private ResponseCode() {
    }

    /** The constant's name for logs, or the number itself when the code is not known. */
    public static String name(int code) {
        String name = NAMES.get(code);
        return name != null ? name : Integer.toString(code);
    }
}
