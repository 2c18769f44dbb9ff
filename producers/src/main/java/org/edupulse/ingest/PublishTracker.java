package org.edupulse.ingest;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;

/**
 * Hands records to the sink and keeps count of how each publication ended, without keeping the
 * futures: a semaphore bounds how many are in flight (so a slow sink slows the reader instead of
 * filling the heap) and {@link #awaitAll()} waits until every permit is back, i.e. every future
 * has completed. A failed publication is written to the reject file with the sink's message.
 */
final class PublishTracker {

    private final EventSink sink;
    private final RejectWriter rejects;
    private final int maxInFlight;
    private final Semaphore permits;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<IOException> rejectWriteError = new AtomicReference<>();

    PublishTracker(final EventSink sink, final RejectWriter rejects, final int maxInFlight) {
        this.sink = sink;
        this.rejects = rejects;
        this.maxInFlight = maxInFlight;
        this.permits = new Semaphore(maxInFlight);
    }

    void publish(final long line, final String raw, final SpecificRecord record) throws IOException {
        acquire(1);
        final CompletableFuture<?> future;
        try {
            future = sink.publish(record);
        } catch (RuntimeException e) {
            onDone(line, raw, e);
            return;
        }
        if (future == null) {
            onDone(line, raw, new IllegalStateException("the sink returned no future"));
            return;
        }
        future.whenComplete((ignored, error) -> onDone(line, raw, error));
    }

    /** Blocks until every publication has completed, successfully or not. */
    void awaitAll() throws IOException {
        acquire(maxInFlight);
        permits.release(maxInFlight);
        final IOException error = rejectWriteError.get();
        if (error != null) {
            throw error;
        }
    }

    long accepted() {
        return accepted.get();
    }

    long failed() {
        return failed.get();
    }

    private void onDone(final long line, final String raw, final Throwable error) {
        try {
            if (error == null) {
                accepted.incrementAndGet();
            } else {
                failed.incrementAndGet();
                rejects.write(line, raw, List.of(new Violation(Violation.PUBLISH, "publishing failed: " + messageOf(error))));
            }
        } catch (IOException e) {
            // Runs on the sink's thread: keep the error for awaitAll() to throw on the importer's.
            rejectWriteError.compareAndSet(null, e);
        } finally {
            permits.release();
        }
    }

    private void acquire(final int count) throws InterruptedIOException {
        try {
            permits.acquire(count);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the sink");
        }
    }

    private static String messageOf(final Throwable error) {
        final Throwable cause = (error instanceof CompletionException || error instanceof ExecutionException)
                && error.getCause() != null ? error.getCause() : error;
        return cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage();
    }
}
