package org.edupulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.RocksDB;

/**
 * The tasks whose local state holds a RocksDB store RocksDB cannot open: what a kill in the middle of deleting
 * a store's directory leaves, whichever of its files were deleted first. The stores are real RocksDB ones,
 * with a second column family as Kafka Streams keeps them, a table file and a write-ahead log.
 */
class HalfDeletedStoreTest {

    @TempDir
    Path state;

    @Test
    void shouldFindTheTasksHoldingAStoreRocksDbCannotOpen() throws Exception {
        assertThat(IndicatorsApp.tasksWithAStoreRocksDbCannotOpen(state.resolve("never-started"))).isEmpty();

        // whole stores (a window segment, a key-value store), an empty store directory, and files and
        // directories that are not tasks', do not count
        store(state.resolve("0_0").resolve("staff-event-ids").resolve("staff-event-ids.1728000000000"));
        store(state.resolve("12_2").resolve("rocksdb").resolve("district-totals"));
        Files.createDirectories(state.resolve("1_0").resolve("device-event-ids")
                .resolve("device-event-ids.1728000000000"));
        store(state.resolve("not-a-task").resolve("x").resolve("y"));
        corrupt(state.resolve("not-a-task").resolve("x").resolve("y"), "CURRENT");
        Files.writeString(state.resolve("kafka-streams-process-metadata"), "{}");
        assertThat(IndicatorsApp.tasksWithAStoreRocksDbCannotOpen(state)).isEmpty();

        // a segment whose deletion a kill interrupted after its MANIFEST, one after a table file, one after
        // its CURRENT (its write-ahead log left), each in a task of its own
        breakStore("3_1", "MANIFEST-");
        breakStore("4_0", ".sst");
        breakStore("5_2", "CURRENT");
        assertThat(IndicatorsApp.tasksWithAStoreRocksDbCannotOpen(state))
                .containsExactly(state.resolve("3_1"), state.resolve("4_0"), state.resolve("5_2"));

        // and a key-value store, where Kafka Streams keeps RocksDB ones (task/rocksdb/store)
        store(state.resolve("6_0").resolve("rocksdb").resolve("district-totals"));
        corrupt(state.resolve("6_0").resolve("rocksdb").resolve("district-totals"), ".sst");
        assertThat(IndicatorsApp.tasksWithAStoreRocksDbCannotOpen(state)).containsExactly(
                state.resolve("3_1"), state.resolve("4_0"), state.resolve("5_2"), state.resolve("6_0"));

        // the whole stores still open
        assertThat(RocksDbStores.opens(state.resolve("0_0").resolve("staff-event-ids")
                .resolve("staff-event-ids.1728000000000"))).isTrue();
        assertThat(RocksDbStores.opens(state.resolve("12_2").resolve("rocksdb").resolve("district-totals"))).isTrue();
    }

    private void breakStore(final String task, final String deleted) throws Exception {
        final Path segment = state.resolve(task).resolve("device-event-ids").resolve("device-event-ids.1745280000000");
        store(segment);
        corrupt(segment, deleted);
    }

    /** Deletes the store's files whose names start or end with {@code name}, as an interrupted deletion would. */
    private static void corrupt(final Path dir, final String name) throws Exception {
        final List<Path> victims;
        try (Stream<Path> files = Files.list(dir)) {
            victims = files.filter(file -> file.getFileName().toString().startsWith(name)
                    || file.getFileName().toString().endsWith(name)).toList();
        }
        assertThat(victims).as("files named %s in %s", name, dir).isNotEmpty();
        for (final Path victim : victims) {
            Files.delete(victim);
        }
    }

    /**
     * A RocksDB store with the default column family and Kafka Streams' second one: some records flushed to a
     * table file, then some only in the write-ahead log, closed as a kill would leave it (nothing flushed at close).
     */
    private static void store(final Path dir) throws Exception {
        Files.createDirectories(dir);
        final List<ColumnFamilyDescriptor> families = List.of(
                new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY),
                new ColumnFamilyDescriptor("keyValueWithTimestamp".getBytes(StandardCharsets.UTF_8)));
        final List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (DBOptions options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
             RocksDB db = RocksDB.open(options, dir.toString(), families, handles);
             FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            for (int i = 0; i < 100; i++) {
                db.put(handles.get(1), ("key-" + i).getBytes(StandardCharsets.UTF_8), new byte[] {(byte) i});
            }
            db.flush(flush, handles.get(1));
            db.put(handles.get(1), "after-flush".getBytes(StandardCharsets.UTF_8), new byte[] {1});
            handles.forEach(ColumnFamilyHandle::close);
        }
    }
}
