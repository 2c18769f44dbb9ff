package org.edupulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A local state a crash left: a task directory without the checkpoint exactly-once Streams writes on a clean close. */
class LeftByACrashTest {

    @TempDir
    Path state;

    @Test
    void shouldTellATaskDirectoryWithoutACheckpoint() throws Exception {
        assertThat(IndicatorsApp.leftByACrash(state.resolve("never-started"))).isFalse();
        assertThat(IndicatorsApp.leftByACrash(state)).isFalse();

        // files and directories that are not tasks' do not count
        Files.createDirectory(state.resolve("not-a-task"));
        Files.writeString(state.resolve("kafka-streams-process-metadata"), "{}");
        assertThat(IndicatorsApp.leftByACrash(state)).isFalse();

        // every task closed cleanly
        Files.createDirectory(state.resolve("0_0"));
        Files.writeString(state.resolve("0_0").resolve(".checkpoint"), "0\n0\n");
        Files.createDirectory(state.resolve("12_2"));
        Files.writeString(state.resolve("12_2").resolve(".checkpoint"), "0\n0\n");
        assertThat(IndicatorsApp.leftByACrash(state)).isFalse();

        // one task that was running when the process died
        Files.createDirectory(state.resolve("3_1"));
        assertThat(IndicatorsApp.leftByACrash(state)).isTrue();
    }
}
