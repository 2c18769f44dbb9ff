package org.edupulse.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/** Whether RocksDB can open a store's directory, asked of RocksDB itself, read-only. */
final class RocksDbStores {

    static {
        RocksDB.loadLibrary();
    }

    private RocksDbStores() {
    }

    /**
     * True if RocksDB opens the store in {@code dir} read-only with all its column families (Kafka Streams keeps
     * more than the default one), as Kafka Streams would open it for writing: its {@code CURRENT}, the
     * {@code MANIFEST} that names and every table file the {@code MANIFEST} lists must be there. Call it on a
     * directory that holds files: RocksDB creates a store in an empty one.
     */
    @SuppressWarnings("try") // the store is opened to see that it opens, then closed
    static boolean opens(final Path dir) {
        final List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (Options options = new Options(); DBOptions dbOptions = new DBOptions()) {
            final List<ColumnFamilyDescriptor> families = new ArrayList<>();
            for (final byte[] name : RocksDB.listColumnFamilies(options, dir.toString())) {
                families.add(new ColumnFamilyDescriptor(name));
            }
            if (families.isEmpty()) {
                // No database there (no CURRENT) though the directory holds files: a write-ahead log left
                // without it makes RocksDB refuse to create one; whatever else is left is no whole store.
                return false;
            }
            try (RocksDB ignored = RocksDB.openReadOnly(dbOptions, dir.toString(), families, handles)) {
                return true;
            } finally {
                handles.forEach(ColumnFamilyHandle::close);
            }
        } catch (final RocksDBException e) {
            return false;
        }
    }
}
