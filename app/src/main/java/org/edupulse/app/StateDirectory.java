package org.edupulse.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.edupulse.platform.Directories;

/**
 * Where a command keeps its Kafka Streams state: a directory the user chose, kept, or without one a temporary
 * directory, removed when the command closes this. A command opens it right after its {@link StopSignal}, so that
 * it closes after the pipeline and before the signal lets a JVM stopped with Ctrl-C exit (a finally block after the
 * signal ran too late: the JVM halted first and left the state behind).
 */
final class StateDirectory implements AutoCloseable {

    private final Path path;
    private final boolean temporary;

    private StateDirectory(final Path path, final boolean temporary) {
        this.path = path;
        this.temporary = temporary;
    }

    /** {@code dir}, made if missing and kept; a temporary one when {@code dir} is null. */
    static StateDirectory keptOrTemporary(final Path dir) throws IOException {
        return dir != null ? new StateDirectory(Files.createDirectories(dir), false)
                : new StateDirectory(Files.createTempDirectory("edupulse-streams-"), true);
    }

    Path path() {
        return path;
    }

    @Override
    public void close() {
        if (temporary) {
            Directories.deleteRecursively(path);
        }
    }
}
