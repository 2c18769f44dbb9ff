package org.edupulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PublishedHistoryTest {

    @TempDir
    Path dir;

    @Test
    void shouldReadBackTheHistoryItRecorded() {
        // Given a data directory where no history was published yet
        final PublishedHistory published = new PublishedHistory(dir);
        assertThat(published.read()).isEmpty();

        // When a history is recorded
        published.write(new PublishedHistory.Entry("small", 2025L, 619L));

        // Then a later run reads it back
        assertThat(new PublishedHistory(dir).read()).contains(new PublishedHistory.Entry("small", 2025L, 619L));
    }

    @Test
    void shouldNameTheFileAndFieldOfABrokenRecord() throws Exception {
        // Given a record without its seed
        Files.writeString(dir.resolve(PublishedHistory.FILE_NAME), "profile=small\nevents=619\n");

        // When / Then
        assertThatThrownBy(() -> new PublishedHistory(dir).read())
                .hasMessageContaining(PublishedHistory.FILE_NAME).hasMessageContaining("seed is missing");
    }

    @Test
    void shouldRefuseToStartTheDemoWithAnotherDatasetOnADataDirThatHoldsAHistory() {
        // Given a data directory holding the history of profile small, seed 7
        new PublishedHistory(dir).write(new PublishedHistory.Entry("small", 7L, 619L));
        final StringWriter err = new StringWriter();
        final CommandLine cli = EduPulse.commandLine();
        cli.setErr(new PrintWriter(err, true));

        // When the demo is started on it with another seed
        final int exit = cli.execute("demo", "--data-dir", dir.toString(), "--profile", "small", "--seed", "2025",
                "--kafka-port", "0", "--registry-port", "0", "--http-port", "0");

        // Then it refuses before starting anything, and says which dataset the directory holds
        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("already holds the history of --profile small --seed 7");
        assertThat(dir.resolve("kafka")).doesNotExist();
    }
}
