package dev.apogee.remoting.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class EventLoopsTest {

    @Test
    void loopThreadsAreNamedDaemonFastThreadLocalThreads() throws Exception {
        EventLoopGroup group = EventLoops.newGroup("test-io", 1);
        try {
            Thread loop = group.next().submit(Thread::currentThread).get(5, TimeUnit.SECONDS);
            assertEquals("test-io-1", loop.getName());
            assertTrue(loop.isDaemon(), "a loop thread must not keep the JVM alive");
            assertTrue(loop instanceof FastThreadLocalThread, "Netty's per-thread caches need its own thread type");
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
