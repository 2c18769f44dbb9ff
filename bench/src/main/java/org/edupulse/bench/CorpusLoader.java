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

    /** Returns the number of records written, all acknowledged. */
    static long load(final BenchBroker broker, final EventCorpus corpus, final long count) {
        final PublisherConfig config = PublisherConfig.of(broker.bootstrapServers(), broker.schemaRegistryUrl());
        final AtomicReference<Exception> failure = new AtomicReference<>();
        long sent = 0;
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(config.producerProperties())) {
            final Iterator<SimulatedEvent> events = corpus.stream(count);
            while (events.hasNext() && failure.get() == null) {
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
        return sent;
    }
}
