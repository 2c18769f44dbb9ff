package org.edupulse.streams;

/**
 * How long the last exactly-once commit of the current stream thread took, as its producer saw it: from
 * the first {@code flush()} after the previous commit (Kafka Streams flushes the producer as it prepares
 * each task's commit) to the end of {@code commitTransaction()}. {@link SizeCheckingProducer} records it and
 * {@link CommitPacing} reads it; both run on the stream thread (under exactly-once v2 a stream thread owns
 * one producer and commits its own tasks), so each thread has its own, with nothing shared between threads.
 * A thread that has not committed yet, or whose producer is not a {@link SizeCheckingProducer}, reads 0.
 */
final class CommitDurations {

    private static final ThreadLocal<CommitDurations> OF_THREAD = ThreadLocal.withInitial(CommitDurations::new);

    /** {@link System#nanoTime()} at the first flush of the commit under way, or -1 if none is. */
    private long startedNanos = -1;
    private long lastMillis;

    private CommitDurations() {
    }

    /** The current thread's last commit duration in milliseconds; 0 before its first commit. */
    static long lastMillis() {
        return OF_THREAD.get().lastMillis;
    }

    /** The producer is flushed: a commit starts, unless one is already under way. */
    static void flushing(final long nanos) {
        final CommitDurations thread = OF_THREAD.get();
        if (thread.startedNanos < 0) {
            thread.startedNanos = nanos;
        }
    }

    /** The transaction committed: the commit under way took until {@code nanos}. */
    static void committed(final long nanos) {
        final CommitDurations thread = OF_THREAD.get();
        if (thread.startedNanos >= 0) {
            thread.lastMillis = Math.max(0, (nanos - thread.startedNanos) / 1_000_000);
            thread.startedNanos = -1;
        }
    }

    /**
     * The transaction was aborted, or the producer closed (Kafka Streams replaces a fenced one): no commit is
     * under way, and the last duration stands.
     */
    static void aborted() {
        OF_THREAD.get().startedNanos = -1;
    }
}
