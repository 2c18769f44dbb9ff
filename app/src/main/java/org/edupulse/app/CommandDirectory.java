package org.edupulse.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.edupulse.platform.Directories;

/**
 * A directory a command writes to (its Kafka Streams state, the demo's gateway keys): one the user chose, kept, or
 * without one a temporary directory, removed when the command closes this. A command opens it right after its
 * {@link StopSignal}, so that it closes after the pipeline and before the signal lets a JVM stopped with Ctrl-C exit
 * (a finally block after the signal ran too late: the JVM halted first and left the directory behind).
 */
final class CommandDirectory implements AutoCloseable {

    private final Path path;
    private final boolean temporary;

    private CommandDirectory(final Path path, final boolean temporary) {
        this.path = path;
        this.temporary = temporary;
    }

    /** {@code dir}, made if missing and kept; a temporary one named {@code prefix}… when {@code dir} is null. */
    static CommandDirectory keptOrTemporary(final Path dir, final String prefix) throws IOException {
        return dir != null ? new CommandDirectory(Files.createDirectories(dir), false)
                : new CommandDirectory(Files.createTempDirectory(prefix), true);
    }

    /** Where a command keeps its Kafka Streams state: {@code dir}, or a temporary {@code edupulse-streams-…}. */
    static CommandDirectory streamsState(final Path dir) throws IOException {
        return keptOrTemporary(dir, "edupulse-streams-");
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
