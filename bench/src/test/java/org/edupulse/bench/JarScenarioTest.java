package org.edupulse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarScenarioTest {

    @TempDir
    Path dir;

    /** A sparse file of exactly {@code bytes} bytes: its size is what the row reads, not its content. */
    private Path file(final String name, final long bytes) throws IOException {
        final Path path = dir.resolve(name);
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            file.setLength(bytes);
        }
        return path;
    }

    @Test
    void shouldMeetTheTargetAtSixtyMillionBytesExactly() throws IOException {
        // Given a jar of 60 MB, MB being 1,000,000 bytes
        final Path jar = file("edupulse.jar", 60_000_000L);

        // When
        final Result row = JarScenario.measure(jar);

        // Then
        assertThat(row.scenario()).isEqualTo("7 jar");
        assertThat(row.metric()).isEqualTo("edupulse.jar MB");
        assertThat(row.ours()).isEqualTo(60.0);
        assertThat(row.target()).isEqualTo("<= 60 MB");
        assertThat(row.met()).isTrue();
        assertThat(row.note()).contains("60,000,000 bytes", "MB = 1,000,000 bytes");
    }

    @Test
    void shouldNotMeetTheTargetOneByteAboveIt() throws IOException {
        // Given a jar one byte over 60,000,000 (57.2 MiB: counted in MiB it would pass)
        final Path jar = file("edupulse.jar", 60_000_001L);

        // When
        final Result row = JarScenario.measure(jar);

        // Then
        assertThat(row.met()).isFalse();
        assertThat(Report.number(row.ours())).isEqualTo("60.0");
    }

    @Test
    void shouldShowThePlatformJarBesideItWithoutCountingIt() throws IOException {
        // Given the product jar under the target and the broker's jar beside it, together above it
        final Path jar = file("edupulse.jar", 53_204_280L);
        file(JarScenario.PLATFORM_JAR, 19_884_618L);

        // When
        final Result row = JarScenario.measure(jar);

        // Then
        assertThat(row.ours()).isEqualTo(53.20428);
        assertThat(row.met()).isTrue();
        assertThat(row.note()).contains("edupulse-platform.jar", "19.9 MB", "not counted");
    }

    @Test
    void shouldReportNotMeasuredWithTheReasonWhenThereIsNoJar() {
        // Given
        final Path missing = dir.resolve("edupulse.jar");

        // When
        final Result row = JarScenario.measure(missing);

        // Then
        assertThat(row.measured()).isFalse();
        assertThat(row.met()).isNull();
        assertThat(row.target()).isEqualTo("<= 60 MB");
        assertThat(row.note()).startsWith("not measured: no product jar at " + missing);
    }
}
