package org.edupulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tasks whose local state holds a RocksDB store a crash left half deleted: CURRENT names a MANIFEST that is gone. */
class HalfDeletedStoreTest {

    @TempDir
    Path state;

    @Test
    void shouldFindTheTasksHoldingAStoreWhoseManifestIsGone() throws Exception {
        assertThat(IndicatorsApp.tasksWithAStoreLeftHalfDeleted(state.resolve("never-started"))).isEmpty();

        // whole stores, and files and directories that are not tasks', do not count
        store(state.resolve("0_0").resolve("staff-event-ids").resolve("staff-event-ids.1728000000000"), true);
        store(state.resolve("12_2").resolve("rocksdb").resolve("district-totals"), true);
        store(state.resolve("not-a-task").resolve("x"), false);
        Files.writeString(state.resolve("kafka-streams-process-metadata"), "{}");
        assertThat(IndicatorsApp.tasksWithAStoreLeftHalfDeleted(state)).isEmpty();

        // a segment whose deletion a kill interrupted, in one task
        store(state.resolve("3_1").resolve("device-event-ids").resolve("device-event-ids.1745280000000"), false);
        assertThat(IndicatorsApp.tasksWithAStoreLeftHalfDeleted(state)).containsExactly(state.resolve("3_1"));

        // and a key-value store, where Kafka Streams keeps RocksDB ones (task/rocksdb/store)
        store(state.resolve("4_0").resolve("rocksdb").resolve("district-totals"), false);
        assertThat(IndicatorsApp.tasksWithAStoreLeftHalfDeleted(state))
                .containsExactly(state.resolve("3_1"), state.resolve("4_0"));
    }

    /** A RocksDB directory's CURRENT, naming MANIFEST-000005, there or not. */
    private static void store(final Path dir, final boolean withManifest) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("CURRENT"), "MANIFEST-000005\n");
        if (withManifest) {
            Files.write(dir.resolve("MANIFEST-000005"), new byte[] {1});
        }
    }
}
