package org.edupulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.edupulse.schemas.StaffEvent;
import org.edupulse.serde.SerdeConfig;
import org.edupulse.serde.SpecificAvroSerde;
import org.edupulse.topics.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code edupulse import} against a real broker and registry: exit codes, reject files, re-imports. */
class ImportCommandIT {

    private static final Path EXAMPLES = Path.of("..", "examples");

    private static Platform platform;

    @TempDir
    Path work;

    @BeforeAll
    static void start() {
        platform = Platform.start(EduPulseConfig.load(null, Map.of(), Map.of(
                EduPulseConfig.KAFKA_PORT, "0", EduPulseConfig.REGISTRY_PORT, "0")));
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run importFiles(final String type, final Path... files) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine cli = EduPulse.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        final List<String> args = new ArrayList<>(List.of("import", "--type", type,
                "--bootstrap-servers", platform.bootstrapServers(), "--schema-registry-url", platform.schemaRegistryUrl()));
        for (final Path file : files) {
            args.add(file.toString());
        }
        return new Run(cli.execute(args.toArray(String[]::new)), out.toString(), err.toString());
    }

    private static List<StaffEvent> staffEvents(final int atLeast) {
        final List<StaffEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, StaffEvent> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "import-it-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(),
                SpecificAvroSerde.of(StaffEvent.class, Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, platform.schemaRegistryUrl()), false)
                        .deserializer())) {
            consumer.subscribe(List.of(Topics.STAFF_EVENTS.name()));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> events.add(record.value()));
                return events.size() >= atLeast;
            });
        }
        return events;
    }

    @Test
    void shouldPublishEveryRowRejectTheBadOnesAndRepeatIdsOnReimport() throws Exception {
        // Given the README's example files
        final Path valid = Files.copy(EXAMPLES.resolve("staff.csv"), work.resolve("staff.csv"));
        final Path mixed = Files.copy(EXAMPLES.resolve("staff-with-errors.csv"), work.resolve("staff-with-errors.csv"));
        final long validRows = Files.readAllLines(valid).size() - 1;
        final long mixedRows = Files.readAllLines(mixed).size() - 1;

        // When
        final Run first = importFiles("staff", valid);
        final Run again = importFiles("staff", valid);
        final Run withErrors = importFiles("staff", mixed);

        // Then: exit 0 when all rows pass, 2 when some are rejected; rejects beside the input
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains(validRows + " accepted");
        assertThat(again.exit()).isZero();
        assertThat(withErrors.exit()).isEqualTo(2);
        final Path rejects = work.resolve("staff-with-errors.csv.rejects.csv");
        assertThat(rejects).exists();
        assertThat(Files.readAllLines(rejects).get(0)).isEqualTo("line,field,reason,raw");
        assertThat(Files.readString(rejects)).contains("role");

        // And the valid rows are in Kafka, the re-import with the same event ids
        final String acceptedOfMixed = withErrors.out().replaceAll("(?s).*?(\\d+) accepted.*", "$1");
        final long expected = 2 * validRows + Long.parseLong(acceptedOfMixed);
        assertThat(Long.parseLong(acceptedOfMixed)).isPositive().isLessThan(mixedRows);
        final List<StaffEvent> events = staffEvents((int) expected);
        assertThat(events).hasSize((int) expected);
        assertThat(events.stream().map(StaffEvent::getEventId).distinct().count())
                .isEqualTo(validRows + Long.parseLong(acceptedOfMixed));
    }

    @Test
    void shouldRefuseAnUnknownTypeWithAUsageCode() {
        final Run run = importFiles("teachers", EXAMPLES.resolve("staff.csv"));

        assertThat(run.exit()).isEqualTo(64);
        assertThat(run.err()).contains("--type").contains("teachers");
    }
}
