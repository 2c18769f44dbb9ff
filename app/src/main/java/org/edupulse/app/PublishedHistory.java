package org.edupulse.app;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * The record, in a demo's data directory, that the history of a profile and seed has been
 * published there and every record of it acknowledged. A restart on the same directory reads it
 * so as not to send that history a second time into the raw event log (which keeps every record
 * for the auditors); without it (a first run, or one killed while publishing) the history is sent,
 * and whatever a killed run had already sent is dropped by the pipeline's event-id de-duplication.
 */
final class PublishedHistory {

    static final String FILE_NAME = "demo-history.properties";

    private static final String PROFILE = "profile";
    private static final String SEED = "seed";
    private static final String EVENTS = "events";

    /** A published history: the dataset that was sent and how many records it had. */
    record Entry(String profile, long seed, long events) {
    }

    private final Path file;

    PublishedHistory(final Path dataDir) {
        this.file = dataDir.resolve(FILE_NAME);
    }

    Path file() {
        return file;
    }

    /** The history published in this directory, if one was published completely. */
    Optional<Entry> read() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        final Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (final IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
        try {
            return Optional.of(new Entry(required(props, PROFILE), Long.parseLong(required(props, SEED)),
                    Long.parseLong(required(props, EVENTS))));
        } catch (final NumberFormatException e) {
            throw new IllegalStateException(file + ": " + SEED + " and " + EVENTS + " must be whole numbers", e);
        }
    }

    /** Records a completely published history; written to a temporary file and moved, so never half-written. */
    void write(final Entry entry) {
        final Properties props = new Properties();
        props.setProperty(PROFILE, entry.profile());
        props.setProperty(SEED, Long.toString(entry.seed()));
        props.setProperty(EVENTS, Long.toString(entry.events()));
        try {
            final Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".demo-history", ".tmp");
            try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                props.store(writer, "EduPulse demo: this history is published in this data directory; do not send it again");
            }
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (final AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    private String required(final Properties props, final String key) {
        final String value = props.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(file + ": " + key + " is missing");
        }
        return value.trim();
    }
}
