package org.edupulse.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.edupulse.app.IndicatorsApp;
import org.edupulse.platform.Directories;

/**
 * The product's indicators application under a fresh application id with empty state in a temporary
 * directory, removed again on close.
 */
final class IndicatorsRun implements AutoCloseable {

    private final String applicationId;
    private final Path stateDir;
    private final IndicatorsApp app;

    /** @param inMemoryState the key-value stores in memory, as {@code pipeline --in-memory-state}; else RocksDB */
    IndicatorsRun(final BenchBroker broker, final String applicationId, final Map<String, Object> overrides,
                  final boolean inMemoryState) {
        this.applicationId = applicationId;
        try {
            this.stateDir = Files.createTempDirectory("edupulse-bench-streams-");
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        this.app = new IndicatorsApp(broker.bootstrapServers(), broker.schemaRegistryUrl(), applicationId, stateDir,
                new HashMap<>(overrides), inMemoryState);
    }

    String applicationId() {
        return applicationId;
    }

    IndicatorsApp app() {
        return app;
    }

    void start() {
        app.start();
    }

    @Override
    public void close() {
        try {
            app.close();
        } finally {
            Directories.deleteRecursively(stateDir);
        }
    }
}
