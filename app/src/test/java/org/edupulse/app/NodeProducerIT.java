package org.edupulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.edupulse.producers.EventPublisher;
import org.edupulse.producers.PublisherConfig;
import org.edupulse.schemas.Connectivity;
import org.edupulse.schemas.IndicatorSet;
import org.edupulse.schemas.School;
import org.edupulse.schemas.SchoolLevel;
import org.edupulse.topics.Topics;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A producer in another language: {@code examples/node-producer} writes roster and training events
 * with Confluent's own JavaScript Avro serializer ({@code @confluentinc/schemaregistry}) and kafkajs,
 * with the previous and the current version of each contract, against the embedded broker and
 * registry; the pipeline counts them all. Skips when Node.js or npm is missing, or when
 * {@code npm ci} cannot fetch the packages (no network).
 */
class NodeProducerIT {

    private static final Path NODE_PRODUCER = Path.of("..", "examples", "node-producer");
    private static final String SCHOOL = "XN-SCH-01";

    @TempDir
    Path stateDir;

    @BeforeAll
    static void installThePackages() throws Exception {
        Assumptions.assumeTrue(runs("node", "--version"), "node is not installed");
        // Confluent's client and its dependencies declare node >= 20 (package-lock.json "engines")
        final int major = nodeMajorVersion();
        Assumptions.assumeTrue(major >= 20, () -> "needs node 20 or later, found major version " + major);
        Assumptions.assumeTrue(runs("npm", "--version"), "npm is not installed");
        final Path log = Files.createTempFile("npm-ci", ".log");
        final Process install = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                .directory(NODE_PRODUCER.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // bounded: without network npm retries for minutes
        final boolean done = install.waitFor(5, TimeUnit.MINUTES);
        if (!done) {
            install.destroyForcibly();
        }
        Assumptions.assumeTrue(done && install.exitValue() == 0,
                () -> "npm ci failed (no access to the npm registry?): " + read(log));
    }

    @Test
    void shouldCountWhatANodeProducerWritesWithThePreviousAndTheCurrentContract() throws Exception {
        // Given the embedded platform, and the school the Node.js producer writes for
        final EduPulseConfig config = EduPulseConfig.load(null, Map.of(), Map.of(
                EduPulseConfig.KAFKA_PORT, "0", EduPulseConfig.REGISTRY_PORT, "0"));
        try (Platform platform = Platform.start(config);
             EventPublisher publisher = new EventPublisher(
                     PublisherConfig.of(platform.bootstrapServers(), platform.schemaRegistryUrl()));
             IndicatorsApp app = new IndicatorsApp(platform.bootstrapServers(), platform.schemaRegistryUrl(),
                     "node-producer-it", stateDir)) {
            publisher.publish(School.newBuilder()
                    .setSchoolId(SCHOOL).setName("School of a Node.js system").setLevel(SchoolLevel.PRIMARY)
                    .setCommuneId("XN-C01").setCommuneName("Commune 1").setDistrictId("XN-D1")
                    .setDistrictName("District 1").setProvinceId("XN").setProvinceName("Test province")
                    .setLearnersEnrolled(250).setInternet(Connectivity.FIXED_BROADBAND).setInternetForTeaching(true)
                    .setEffectiveFrom(LocalDate.of(2024, 9, 1))
                    .build()).get();

            // When the Node.js producer writes two events with the previous contracts and three with the current ones
            final Path nodeLog = stateDir.resolve("node-producer.log");
            final Process node = new ProcessBuilder("node", "produce.js",
                    "--bootstrap", platform.bootstrapServers(), "--registry", platform.schemaRegistryUrl(),
                    "--school", SCHOOL, "--commune", "XN-C01", "--run", "it")
                    .directory(NODE_PRODUCER.toFile()).redirectErrorStream(true).redirectOutput(nodeLog.toFile()).start();
            final boolean exited = node.waitFor(2, TimeUnit.MINUTES);
            if (!exited) {
                node.destroyForcibly();
            }
            final String output = read(nodeLog);
            assertThat(exited).as(output).isTrue();
            assertThat(node.exitValue()).as(output).isZero();
            assertThat(output).contains("\"sent\":5");
            app.start();

            // Then the registry holds both versions of each subject, registered by Confluent's client ...
            assertThat(ContractVersionsIT.versions(platform, Topics.STAFF_EVENTS.name() + "-value")).isEqualTo("[1,2]");
            assertThat(ContractVersionsIT.versions(platform, Topics.TRAINING_EVENTS.name() + "-value"))
                    .isEqualTo("[1,2]");
            // ... and the school counts the events of both versions, and the new fields where they were written
            final Map<String, IndicatorSet> latest = new HashMap<>();
            try (var consumer = ContractVersionsIT.indicatorReader(platform)) {
                consumer.subscribe(List.of(Topics.SCHOOL_INDICATORS.name()));
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ZERO).untilAsserted(() -> {
                    consumer.poll(Duration.ofMillis(500)).forEach(record -> latest.put(record.key(), record.value()));
                    assertThat(latest).containsKey(SCHOOL);
                    final IndicatorSet school = latest.get(SCHOOL);
                    assertThat(ContractVersionsIT.count(school, "staff.active")).isEqualTo(2);
                    assertThat(ContractVersionsIT.count(school, "training.sessions.total")).isEqualTo(2);
                    assertThat(ContractVersionsIT.count(school, "staff.community_team")).isEqualTo(1);
                });
            }
        }
    }

    private static String read(final Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The major version {@code node --version} prints ({@code v20.20.2} gives 20), 0 when unreadable. */
    private static int nodeMajorVersion() throws IOException, InterruptedException {
        final Process process = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
        final String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .trim();
        process.waitFor(30, TimeUnit.SECONDS);
        final Matcher matcher = Pattern.compile("^v(\\d+)\\.").matcher(version);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }

    private static boolean runs(final String... command) {
        try {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
