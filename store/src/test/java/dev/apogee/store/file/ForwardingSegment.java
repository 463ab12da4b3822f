package dev.apogee.store.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/** A segment that passes every call to another: tests override the calls they watch or slow down. */
public class ForwardingSegment implements Segment {

    protected final Segment delegate;

    public ForwardingSegment(Segment delegate) {
        this.delegate = delegate;
    }

    @Override
    public Path path() {
        return delegate.path();
    }

    @Override
    public long baseOffset() {
        return delegate.baseOffset();
    }

    @Override
    public int capacity() {
        return delegate.capacity();
    }

    @Override
    public ByteBuffer window(int position, int length) {
        return delegate.window(position, length);
    }

    @Override
    public void write(int position, ByteBuffer source) throws IOException {
        delegate.write(position, source);
    }

    @Override
    public ByteBuffer read(int position, int length) {
        return delegate.read(position, length);
    }

    @Override
    public void force() throws IOException {
        delegate.force();
    }

    @Override
    public void force(int position, int length) throws IOException {
        delegate.force(position, length);
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public void delete() throws IOException {
        delegate.delete();
    }
}
