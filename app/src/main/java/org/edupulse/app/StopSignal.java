package org.edupulse.app;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How a long-running command learns that it should stop: Ctrl-C or a kill opens the signal, and
 * the JVM then waits (up to a minute) until the command has closed what it opened, so Kafka
 * clients and Streams shut down cleanly. The command may also open it itself ({@link #stop()}),
 * e.g. when its Streams client died. Closing the signal says that the command is done.
 */
final class StopSignal implements AutoCloseable {

    private static final Duration CLEAN_UP_LIMIT = Duration.ofMinutes(1);

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;

    private StopSignal(final String name) {
        this.hook = new Thread(() -> {
            stop.countDown();
            try {
                done.await(CLEAN_UP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
    }

    /** A signal opened by the JVM's shutdown (Ctrl-C, SIGTERM). */
    static StopSignal onShutdown(final String name) {
        final StopSignal signal = new StopSignal(name);
        Runtime.getRuntime().addShutdownHook(signal.hook);
        return signal;
    }

    /** Opens the signal from inside the process: whoever waits in {@link #await} returns. */
    void stop() {
        stop.countDown();
    }

    boolean isStopped() {
        return stop.getCount() == 0;
    }

    /** Waits until stopped or {@code limit} has passed (null: no limit); true when stopped. */
    boolean await(final Duration limit) throws InterruptedException {
        if (limit == null) {
            stop.await();
            return true;
        }
        return stop.await(limit.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (final IllegalStateException e) {
            // The JVM is shutting down (the hook may be the one running): nothing to remove.
        }
    }
}
