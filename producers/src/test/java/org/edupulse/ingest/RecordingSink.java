package org.edupulse.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;

/** A sink that keeps what it is given and fails the records a predicate picks, as Kafka might. */
final class RecordingSink implements EventSink {

    private final List<SpecificRecord> records = new ArrayList<>();
    private final Predicate<SpecificRecord> failWhen;

    RecordingSink(final Predicate<SpecificRecord> failWhen) {
        this.failWhen = failWhen;
    }

    RecordingSink() {
        this(record -> false);
    }

    @Override
    public synchronized CompletableFuture<?> publish(final SpecificRecord record) {
        if (failWhen.test(record)) {
            return CompletableFuture.failedFuture(new IllegalStateException("broker unavailable"));
        }
        records.add(record);
        return CompletableFuture.completedFuture(null);
    }

    synchronized List<SpecificRecord> records() {
        return List.copyOf(records);
    }

    List<String> eventIds() {
        final List<String> ids = new ArrayList<>();
        records().forEach(r -> ids.add(String.valueOf(r.get(r.getSchema().getField(EventType.EVENT_ID).pos()))));
        return ids;
    }
}
