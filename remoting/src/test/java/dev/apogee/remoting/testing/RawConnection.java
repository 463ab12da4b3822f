package dev.apogee.remoting.testing;

import dev.apogee.remoting.codec.CommandCodec;
import dev.apogee.remoting.protocol.RemotingCommand;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * A plain blocking socket that writes arbitrary bytes, well-formed frames or garbage, and reads
 * frames back: the way to test what a server does with input no real client would send.
 */
public final class RawConnection implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    public RawConnection(String host, int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 2_000);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(5_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Writes {@code bytes} as they are. */
    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Writes a frame-length word claiming {@code frameLength} bytes, and nothing else. */
    public void writeLengthWord(int frameLength) throws IOException {
        write(ByteBuffer.allocate(4).putInt(frameLength).array());
    }

    /** Writes {@code command} as one well-formed frame. */
    public void writeFrame(RemotingCommand command) throws IOException {
        write(encode(command));
    }

    /** The frame bytes of {@code command}, length word included. */
    public static byte[] encode(RemotingCommand command) {
        ByteBuf frame = CommandCodec.encode(command, UnpooledByteBufAllocator.DEFAULT);
        try {
            byte[] bytes = new byte[frame.readableBytes()];
            frame.readBytes(bytes);
            return bytes;
        } finally {
            frame.release();
        }
    }

    /** Reads one frame, waiting at most 5 s. */
    public RemotingCommand readFrame() throws IOException {
        int length = in.readInt();
        byte[] frame = new byte[length];
        in.readFully(frame);
        ByteBuf buffer = Unpooled.wrappedBuffer(frame);
        try {
            return CommandCodec.decode(buffer);
        } finally {
            buffer.release();
        }
    }

    /**
     * Whether the peer closed the connection within {@code timeout}: a read sees end of stream or
     * a reset. Bytes that arrive first are skipped.
     */
    public boolean awaitClosedByPeer(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] sink = new byte[4096];
        while (System.nanoTime() < deadline) {
            socket.setSoTimeout((int) Math.max(1, Duration.ofNanos(deadline - System.nanoTime()).toMillis()));
            try {
                if (in.read(sink) < 0) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                return false;
            } catch (EOFException | SocketException e) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
