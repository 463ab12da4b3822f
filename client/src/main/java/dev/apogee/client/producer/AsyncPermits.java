package dev.apogee.client.producer;

import dev.apogee.client.BackPressureException;
import dev.apogee.client.ClientClosedException;

/**
 * Bounds the asynchronous sends in flight. A caller asking for a slot while all are taken blocks until
 * one is released or its wait runs out ({@link BackPressureException}); {@link #awaitIdle} lets close
 * wait for the sends still out. Contention is one monitor per send, small next to a network round trip.
 */
final class AsyncPermits {

    private final int max;
    private final String owner;
    private int inFlight;
    private boolean closed;

    AsyncPermits(int max, String owner) {
        this.max = max;
        this.owner = owner;
    }

    /**
     * Takes a slot, waiting at most {@code waitMillis}.
     *
     * @throws BackPressureException if none freed up in time
     * @throws ClientClosedException if closed meanwhile
     */
    synchronized void acquire(long waitMillis) {
        long deadline = System.nanoTime() + waitMillis * 1_000_000L;
        while (inFlight >= max && !closed) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                throw new BackPressureException(max + " asynchronous sends of " + owner
                        + " are in flight and none finished within " + waitMillis + " ms");
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BackPressureException("interrupted while waiting for an asynchronous send slot of " + owner);
            }
        }
        if (closed) {
            throw new ClientClosedException(owner);
        }
        inFlight++;
    }

    synchronized void release() {
        inFlight--;
        notifyAll();
    }

    synchronized int inFlight() {
        return inFlight;
    }

    /** Refuses new slots, then waits at most {@code timeoutMillis} for the taken ones; whether all came back. */
    synchronized boolean closeAndAwaitIdle(long timeoutMillis) {
        closed = true;
        notifyAll();
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (inFlight > 0) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return false;
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
