package dev.apogee.interop.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.remoting.concurrent.BoundedExecutors;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.header.CommandHeader;
import dev.apogee.remoting.transport.ClientConfig;
import dev.apogee.remoting.transport.RemotingClient;
import dev.apogee.remoting.transport.RemotingServer;
import dev.apogee.remoting.transport.ServerConfig;
import io.netty.channel.ChannelHandlerContext;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.remoting.netty.NettyClientConfig;
import org.apache.rocketmq.remoting.netty.NettyRemotingClient;
import org.apache.rocketmq.remoting.netty.NettyRemotingServer;
import org.apache.rocketmq.remoting.netty.NettyRequestProcessor;
import org.apache.rocketmq.remoting.netty.NettyServerConfig;
import org.apache.rocketmq.remoting.protocol.header.namesrv.GetRouteInfoRequestHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Apogee's transport talks to the official one in both directions over real sockets: the official
 * Netty client against Apogee's server, and Apogee's client against the official Netty server.
 */
@Timeout(60)
class TransportInteropIT {

    private static final int ECHO_CODE = 105;
    private static final int UNREGISTERED_CODE = 9999;

    /** The header Apogee's echo processor expects, named like the official GET_ROUTEINFO header. */
    public record TopicHeader(String topic) implements CommandHeader {
    }

    private static RemotingServer startApogeeEchoServer() throws Exception {
        RemotingServer server = new RemotingServer(ServerConfig.defaults("interop-echo", 0).withBindAddress("127.0.0.1"));
        server.registerProcessor((context, request) -> {
            TopicHeader header = request.header(TopicHeader.class);
            return CompletableFuture.completedFuture(RemotingCommand.responseTo(request, ResponseCode.SUCCESS,
                    "echo " + header.topic(), null, request.body()));
        }, BoundedExecutors.fixed("interop-echo", 2, 1024), ECHO_CODE);
        server.start();
        return server;
    }

    @Test
    void officialClientTalksToApogeeServer() throws Exception {
        try (RemotingServer server = startApogeeEchoServer()) {
            NettyRemotingClient client = new NettyRemotingClient(new NettyClientConfig());
            client.start();
            try {
                String address = "127.0.0.1:" + server.port();
                GetRouteInfoRequestHeader header = new GetRouteInfoRequestHeader();
                header.setTopic("OrderEvents");
                org.apache.rocketmq.remoting.protocol.RemotingCommand request =
                        org.apache.rocketmq.remoting.protocol.RemotingCommand.createRequestCommand(ECHO_CODE, header);
                request.setBody(new byte[] {1, 2, 3});

                org.apache.rocketmq.remoting.protocol.RemotingCommand response = client.invokeSync(address, request, 5000);
                assertEquals(ResponseCode.SUCCESS, response.getCode());
                assertEquals("echo OrderEvents", response.getRemark());
                assertArrayEquals(new byte[] {1, 2, 3}, response.getBody());
                assertEquals(dev.apogee.remoting.protocol.ProtocolVersion.CURRENT, response.getVersion());

                org.apache.rocketmq.remoting.protocol.RemotingCommand unknown =
                        org.apache.rocketmq.remoting.protocol.RemotingCommand.createRequestCommand(UNREGISTERED_CODE, null);
                assertEquals(ResponseCode.REQUEST_CODE_NOT_SUPPORTED, client.invokeSync(address, unknown, 5000).getCode());

                org.apache.rocketmq.remoting.protocol.RemotingCommand missingTopic =
                        org.apache.rocketmq.remoting.protocol.RemotingCommand.createRequestCommand(ECHO_CODE, null);
                org.apache.rocketmq.remoting.protocol.RemotingCommand error = client.invokeSync(address, missingTopic, 5000);
                assertEquals(ResponseCode.SYSTEM_ERROR, error.getCode());
                assertTrue(error.getRemark().contains("topic"), error.getRemark());
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void officialClientsConcurrentRequestsAreCorrelated() throws Exception {
        try (RemotingServer server = startApogeeEchoServer()) {
            NettyRemotingClient client = new NettyRemotingClient(new NettyClientConfig());
            client.start();
            try {
                String address = "127.0.0.1:" + server.port();
                int requests = 200;
                Map<Integer, String> answers = new ConcurrentHashMap<>();
                CountDownLatch done = new CountDownLatch(requests);
                for (int i = 0; i < requests; i++) {
                    GetRouteInfoRequestHeader header = new GetRouteInfoRequestHeader();
                    header.setTopic("t" + i);
                    int index = i;
                    client.invokeAsync(address,
                            org.apache.rocketmq.remoting.protocol.RemotingCommand.createRequestCommand(ECHO_CODE, header),
                            5000, new org.apache.rocketmq.remoting.InvokeCallback() {
                                @Override
                                public void operationComplete(org.apache.rocketmq.remoting.netty.ResponseFuture future) {
                                }

                                @Override
                                public void operationSucceed(org.apache.rocketmq.remoting.protocol.RemotingCommand response) {
                                    answers.put(index, response.getRemark());
                                    done.countDown();
                                }

                                @Override
                                public void operationFail(Throwable throwable) {
                                    done.countDown();
                                }
                            });
                }
                assertTrue(done.await(30, TimeUnit.SECONDS));
                assertEquals(requests, answers.size());
                answers.forEach((index, remark) -> assertEquals("echo t" + index, remark));
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void apogeeClientTalksToOfficialServer() throws Exception {
        NettyServerConfig config = new NettyServerConfig();
        config.setListenPort(0);
        config.setBindAddress("127.0.0.1");
        NettyRemotingServer server = new NettyRemotingServer(config);
        ExecutorService executor = Executors.newFixedThreadPool(2);
        server.registerProcessor(ECHO_CODE, new NettyRequestProcessor() {
            @Override
            public org.apache.rocketmq.remoting.protocol.RemotingCommand processRequest(ChannelHandlerContext ctx,
                    org.apache.rocketmq.remoting.protocol.RemotingCommand request) throws Exception {
                GetRouteInfoRequestHeader header = request.decodeCommandCustomHeader(GetRouteInfoRequestHeader.class);
                org.apache.rocketmq.remoting.protocol.RemotingCommand response =
                        org.apache.rocketmq.remoting.protocol.RemotingCommand.createResponseCommand(
                                ResponseCode.SUCCESS, "official echo " + header.getTopic());
                response.setBody(request.getBody());
                return response;
            }

            @Override
            public boolean rejectRequest() {
                return false;
            }
        }, executor);
        server.start();
        try (RemotingClient client = new RemotingClient(ClientConfig.defaults("interop-client"))) {
            client.start();
            String address = "127.0.0.1:" + server.localListenPort();
            RemotingCommand response = client.invokeSync(address,
                    RemotingCommand.request(ECHO_CODE, new TopicHeader("PaymentEvents"), new byte[] {9, 8}), 5000);
            assertEquals(ResponseCode.SUCCESS, response.code());
            assertTrue(response.isResponse());
            assertEquals("official echo PaymentEvents", response.remark());
            assertArrayEquals(new byte[] {9, 8}, response.body());

            RemotingCommand unknown = client.invokeSync(address, RemotingCommand.request(UNREGISTERED_CODE, null), 5000);
            assertEquals(ResponseCode.REQUEST_CODE_NOT_SUPPORTED, unknown.code());
            assertNotNull(unknown.remark());

            client.invokeOneway(address, RemotingCommand.request(ECHO_CODE, new TopicHeader("oneway")))
                    .get(5, TimeUnit.SECONDS);
        } finally {
            server.shutdown();
            executor.shutdownNow();
        }
    }
}
