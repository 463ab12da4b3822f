package dev.apogee.remoting.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The leak check must see a leak, or every "clean" verdict of the other tests means nothing. */
@ExtendWith(NettyLeakCheck.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NettyLeakCheckTest {

    @Test
    void reportsAnUnreleasedBufferWithItsAccessRecords() {
        leakOneBuffer("leaked-on-purpose-by-NettyLeakCheckTest");

        List<String> leaks = NettyLeakCheck.collectLeaks();

        assertEquals(1, leaks.size(), () -> "reports: " + leaks);
        assertTrue(leaks.get(0).contains("leaked-on-purpose-by-NettyLeakCheckTest"), leaks.get(0));
    }

    @Test
    void reportsNothingWhenEveryBufferIsReleased() {
        ByteBuf direct = PooledByteBufAllocator.DEFAULT.directBuffer(64);
        ByteBuf heap = ByteBufAllocator.DEFAULT.heapBuffer(64);
        direct.release();
        heap.release();

        assertEquals(List.of(), NettyLeakCheck.collectLeaks());
    }

    private static void leakOneBuffer(String hint) {
        ByteBuf leaked = PooledByteBufAllocator.DEFAULT.directBuffer(16);
        leaked.writeInt(42);
        leaked.touch(hint);
    }
}
