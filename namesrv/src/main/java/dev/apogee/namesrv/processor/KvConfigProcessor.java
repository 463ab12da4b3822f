package dev.apogee.namesrv.processor;

import dev.apogee.namesrv.kv.KvStore;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.body.KVTable;
import dev.apogee.remoting.protocol.body.RemotingJson;
import dev.apogee.remoting.protocol.header.namesrv.DeleteKVConfigRequestHeader;
import dev.apogee.remoting.protocol.header.namesrv.GetKVConfigRequestHeader;
import dev.apogee.remoting.protocol.header.namesrv.GetKVConfigResponseHeader;
import dev.apogee.remoting.protocol.header.namesrv.GetKVListByNamespaceRequestHeader;
import dev.apogee.remoting.protocol.header.namesrv.PutKVConfigRequestHeader;
import dev.apogee.remoting.transport.RequestContext;
import dev.apogee.remoting.transport.RequestProcessor;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The KV family: PUT/GET/DELETE_KV_CONFIG and GET_KVLIST_BY_NAMESPACE. Missing entries answer
 * QUERY_NOT_FOUND, as the official server does.
 */
public final class KvConfigProcessor implements RequestProcessor {

    /** The codes this processor answers. */
    public static final int[] CODES = {RequestCode.PUT_KV_CONFIG, RequestCode.GET_KV_CONFIG,
        RequestCode.DELETE_KV_CONFIG, RequestCode.GET_KVLIST_BY_NAMESPACE};

    private final KvStore kv;

    public KvConfigProcessor(KvStore kv) {
        this.kv = kv;
    }

    @Override
    public CompletableFuture<RemotingCommand> process(RequestContext context, RemotingCommand request) {
        RemotingCommand response = switch (request.code()) {
            case RequestCode.PUT_KV_CONFIG -> put(request);
            case RequestCode.GET_KV_CONFIG -> get(request);
            case RequestCode.DELETE_KV_CONFIG -> delete(request);
            case RequestCode.GET_KVLIST_BY_NAMESPACE -> list(request);
            default -> throw new IllegalArgumentException("unexpected request code " + request.code());
        };
        return CompletableFuture.completedFuture(response);
    }

    private RemotingCommand put(RemotingCommand request) {
        PutKVConfigRequestHeader header = request.header(PutKVConfigRequestHeader.class);
        kv.put(header.namespace(), header.key(), header.value());
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
    }

    private RemotingCommand get(RemotingCommand request) {
        GetKVConfigRequestHeader header = request.header(GetKVConfigRequestHeader.class);
        Optional<String> value = kv.get(header.namespace(), header.key());
        if (value.isEmpty()) {
            return RemotingCommand.responseTo(request, ResponseCode.QUERY_NOT_FOUND,
                    "No config item, Namespace: " + header.namespace() + " Key: " + header.key());
        }
        return RemotingCommand.success(request, new GetKVConfigResponseHeader(value.get()));
    }

    private RemotingCommand delete(RemotingCommand request) {
        DeleteKVConfigRequestHeader header = request.header(DeleteKVConfigRequestHeader.class);
        kv.delete(header.namespace(), header.key());
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
    }

    private RemotingCommand list(RemotingCommand request) {
        String namespace = request.header(GetKVListByNamespaceRequestHeader.class).namespace();
        Map<String, String> table = kv.namespace(namespace);
        if (table.isEmpty()) {
            return RemotingCommand.responseTo(request, ResponseCode.QUERY_NOT_FOUND,
                    "No config item, Namespace: " + namespace);
        }
        return RemotingCommand.success(request, RemotingJson.encode(new KVTable(table)));
    }
}
