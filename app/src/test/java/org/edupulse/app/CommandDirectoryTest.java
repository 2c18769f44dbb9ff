package org.edupulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void shouldMakeAndKeepTheDirectoryTheUserChose() throws Exception {
        // Given a directory the user named, not made yet
        final Path chosen = dir.resolve("data").resolve("streams");

        // When a command writes to it and closes it
        try (CommandDirectory directory = CommandDirectory.streamsState(chosen)) {
            assertThat(directory.path()).isEqualTo(chosen);
            Files.writeString(directory.path().resolve("checkpoint"), "0");
        }

        // Then it is still there, with what was written
        assertThat(chosen.resolve("checkpoint")).hasContent("0");
    }

    @Test
    void shouldRemoveATemporaryDirectoryWithWhatItHoldsOnClose() throws Exception {
        // Given no directory named: a temporary one, which the command fills
        final Path temporary;
        try (CommandDirectory directory = CommandDirectory.keptOrTemporary(null, "edupulse-demo-")) {
            temporary = directory.path();
            assertThat(temporary.getFileName().toString()).startsWith("edupulse-demo-");
            Files.writeString(Files.createDirectories(temporary.resolve("task")).resolve("keys.properties"), "k=v");

            // When the command closes it
        }

        // Then nothing of it is left
        assertThat(temporary).doesNotExist();
    }
}
