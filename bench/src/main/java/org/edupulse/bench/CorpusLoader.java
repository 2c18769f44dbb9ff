package org.edupulse.bench;

import java.util.Iterator;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.edupulse.producers.PublisherConfig;
import org.edupulse.simulate.SimulatedEvent;

/** Writes the first N records of the corpus into the raw topics as fast as the producer goes. */
final class CorpusLoader {

    private CorpusLoader() {
    }

    /**
     * What was loaded: the record count, and the broker-clock instant after the first
     * {@code prefix} records were acknowledged and before the rest were sent (the raw topics stamp
     * records with log append time, so a known-at replay as of that instant reads exactly the prefix).
     */
    record Loaded(long records, long prefix, java.time.Instant afterPrefix) {
    }

    /** Writes {@code count} records, pausing after the first {@code prefix} to note the instant between. */
    static Loaded load(final BenchBroker broker, final EventCorpus corpus, final long count, final long prefix,
                       final int copies) {
        final PublisherConfig config = PublisherConfig.of(broker.bootstrapServers(), broker.schemaRegistryUrl());
        final AtomicReference<Exception> failure = new AtomicReference<>();
        long sent = 0;
        java.time.Instant afterPrefix = null;
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(config.producerProperties())) {
            final Iterator<SimulatedEvent> events = corpus.stream(count, copies);
            while (events.hasNext() && failure.get() == null) {
                if (sent == prefix) {
                    producer.flush();
                    // Log append times are in milliseconds: step past the prefix's last one, and past it again after.
                    BenchBroker.pause(5);
                    afterPrefix = java.time.Instant.now();
                    BenchBroker.pause(5);
                }
                final SimulatedEvent event = events.next();
                producer.send(new ProducerRecord<>(event.topic().name(), event.key(), event.value()), (m, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
                sent++;
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("Loading the corpus failed: " + failure.get().getMessage(), failure.get());
        }
        return new Loaded(sent, Math.min(prefix, sent), afterPrefix == null ? java.time.Instant.now() : afterPrefix);
    }
}
