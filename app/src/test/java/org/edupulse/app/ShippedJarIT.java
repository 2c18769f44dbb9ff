package org.edupulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jars {@code mvn package} ships: {@code edupulse.jar} carries Kafka's clients and Streams but not the
 * broker, which is in {@code edupulse-platform.jar}, named by the product jar's manifest; alone, the product
 * jar runs every command that talks to a cluster, and {@code demo} says what it misses. (DemoRestartIT runs
 * the demo from the two jars together.)
 */
class ShippedJarIT {

    private static final Path TARGET = Path.of("target");

    @TempDir
    Path dir;

    @Test
    void shouldShipTheBrokerInAJarOfItsOwnThatTheProductJarNames() throws IOException {
        // Given / When
        try (JarFile product = new JarFile(TARGET.resolve("edupulse.jar").toFile());
             JarFile platform = new JarFile(TARGET.resolve("edupulse-platform.jar").toFile())) {
            // Then
            assertThat(product.getManifest().getMainAttributes().getValue("Class-Path")).isEqualTo("edupulse-platform.jar");
            assertThat(product.getEntry("org/apache/kafka/clients/producer/KafkaProducer.class")).isNotNull();
            assertThat(product.getEntry("org/apache/kafka/streams/KafkaStreams.class")).isNotNull();
            assertThat(product.stream().map(ZipEntry::getName))
                    .noneMatch(name -> name.startsWith("kafka/server/") || name.startsWith("scala/"))
                    .noneMatch(name -> name.startsWith("META-INF/resources/webjars/zrender/"));
            assertThat(platform.getEntry(Platform.BROKER_CLASS.replace('.', '/') + ".class")).isNotNull();
            assertThat(platform.stream().map(ZipEntry::getName)).noneMatch(name -> name.startsWith("org/edupulse/"));
        }
    }

    @Test
    void shouldSayWhereTheBrokerIsWhenDemoRunsFromTheProductJarAlone() throws Exception {
        // Given the product jar without the platform jar beside it
        final Path alone = Files.copy(TARGET.resolve("edupulse.jar"), dir.resolve("edupulse.jar"));

        // When the demo starts
        final Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", alone.toString(), "demo", "--data-dir", dir.resolve("data").toString(), "--for", "1s")
                .redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();

        // Then it stops with a non-zero exit code and says what to do, and the other commands run
        assertThat(process.exitValue()).as(output).isNotZero();
        assertThat(output).contains("edupulse-platform.jar").doesNotContain("NoClassDefFoundError");
        final Process help = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", alone.toString(), "pipeline", "--help").redirectErrorStream(true).start();
        final List<String> helpLines = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(help.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(help.exitValue()).isZero();
        assertThat(helpLines.get(0)).startsWith("Usage: edupulse pipeline");
    }
}
