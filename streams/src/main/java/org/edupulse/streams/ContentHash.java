package org.edupulse.streams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.edupulse.serde.AvroOutput;

/**
 * A 64-bit digest of a record's content (its Avro binary in the reader's schema, so the same fields
 * give the same digest whatever schema version the producer wrote with): tells a re-delivery of an
 * event id from the same id reused with other content. Runs for every admitted event, so it writes
 * into the thread's reusable {@link AvroOutput} with one writer per schema. Also a digest of texts and
 * counts: what a calendar period is made of, so that an unchanged one is neither built nor sent again.
 */
final class ContentHash {

    private static final Map<Schema, SpecificDatumWriter<SpecificRecord>> WRITERS = new ConcurrentHashMap<>();
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    });

    private ContentHash() {
    }

    /** A 64-bit digest of texts (each with its length, so no two lists give the same bytes) and counts. */
    static long of(final List<String> texts, final long[] counts) {
        final MessageDigest digest = SHA_256.get();
        final ByteBuffer number = ByteBuffer.allocate(Long.BYTES);
        for (final String text : texts) {
            final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            digest.update(number.clear().putLong(bytes.length).array());
            digest.update(bytes);
        }
        for (final long count : counts) {
            digest.update(number.clear().putLong(count).array());
        }
        return ByteBuffer.wrap(digest.digest()).getLong();
    }

    static long of(final SpecificRecord event) {
        try {
            final AvroOutput out = AvroOutput.forThisThread();
            WRITERS.computeIfAbsent(event.getSchema(), SpecificDatumWriter::new).write(event, out.encoder());
            return ByteBuffer.wrap(SHA_256.get().digest(out.bytes())).getLong();
        } catch (final IOException e) {
            throw new UncheckedIOException("could not encode " + event.getSchema().getName(), e);
        }
    }
}
