package org.edupulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.edupulse.platform.EmbeddedKafka;
import org.edupulse.producers.EventPublisher;
import org.edupulse.producers.PublisherConfig;
import org.edupulse.serving.ServingConfig;
import org.edupulse.simulate.ExpectedFigures;
import org.edupulse.simulate.HistoryGenerator;
import org.edupulse.simulate.Profile;
import org.edupulse.topics.Topic;
import org.edupulse.topics.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code topics create --partitions N}: the raw topics get N partitions, every other topic the catalog's,
 * and a pipeline on them spreads every step, the calendar periods' included, over N partitions and
 * publishes the same figures as the independent fold of the history.
 */
class TopicsCreateIT {

    private static final String APPLICATION_ID = "partitions-it";
    private static final long SEED = 7L;
    private static final int PARTITIONS = 5;

    @TempDir
    Path work;

    @Test
    void shouldGiveTheRawTopicsThePartitionsAskedForAndThePipelineSpreadsEveryStepOverThem() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, null, Map.of());
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            // When
            final StringWriter out = new StringWriter();
            final int code = command(out, new StringWriter()).execute("topics", "create", "--bootstrap-servers",
                    kafka.bootstrapServers(), "--partitions", Integer.toString(PARTITIONS));

            // Then the raw topics have the partitions asked for, the others the catalog's
            assertThat(code).as(out.toString()).isZero();
            final Map<String, Integer> partitions = partitions(admin, Topics.ALL.stream().map(Topic::name)
                    .collect(Collectors.toSet()));
            Topics.ALL.forEach(topic -> assertThat(partitions.get(topic.name())).as(topic.name())
                    .isEqualTo(Topics.INDICATOR_INPUTS.contains(topic) ? PARTITIONS : topic.partitions()));

            // When a pipeline processes a history on them
            final EduPulseConfig config = EduPulseConfig.load(null, Map.of(), Map.of(
                    EduPulseConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers(), EduPulseConfig.REGISTRY_PORT, "0",
                    EduPulseConfig.APPLICATION_ID, APPLICATION_ID));
            try (Platform platform = Platform.start(config)) {
                try (EventPublisher publisher = new EventPublisher(
                        PublisherConfig.of(platform.bootstrapServers(), platform.schemaRegistryUrl()))) {
                    new SimulationRunner(publisher, Profile.SMALL, SEED).publishHistory();
                }
                final ExpectedFigures expected = ExpectedFigures.of(new HistoryGenerator().history(Profile.SMALL, SEED));
                try (Pipeline pipeline = Pipeline.start(platform.bootstrapServers(), platform.schemaRegistryUrl(), config,
                        ServingConfig.defaults(platform.bootstrapServers(), platform.schemaRegistryUrl()).withPort(0),
                        Files.createDirectory(work.resolve("state")), false)) {

                    // Then every district and the province publish the fold's figures
                    await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                            .untilAsserted(() -> PublishedFigures.assertMatches(PublishedFigures.of(pipeline.url()),
                                    expected));

                    // ... and every repartition topic, the periods' four included, has the raw topics' partitions
                    final Set<String> repartitions = admin.listTopics().names().get().stream()
                            .filter(name -> name.startsWith(APPLICATION_ID + "-") && name.endsWith("-repartition"))
                            .collect(Collectors.toSet());
                    assertThat(repartitions).anyMatch(name -> name.contains("stock-months-by-unit"))
                            .anyMatch(name -> name.contains("school-versions-by-school"));
                    assertThat(partitions(admin, repartitions)).allSatisfy((name, count) ->
                            assertThat(count).as(name).isEqualTo(PARTITIONS));
                }
            }
        }
    }

    @Test
    void shouldRefusePartitionsBelowOneNamingTheOptionWithExit64() {
        // When
        final StringWriter err = new StringWriter();
        final int code = command(new StringWriter(), err).execute("topics", "create", "--bootstrap-servers",
                "127.0.0.1:1", "--partitions", "0");

        // Then
        assertThat(code).isEqualTo(64);
        assertThat(err.toString()).contains("--partitions must be at least 1, was 0");
    }

    private static CommandLine command(final StringWriter out, final StringWriter err) {
        final CommandLine cli = EduPulse.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli;
    }

    private static Map<String, Integer> partitions(final Admin admin, final Set<String> topics) throws Exception {
        final Map<String, Integer> counts = new TreeMap<>();
        for (final TopicDescription description : admin.describeTopics(topics).allTopicNames().get().values()) {
            counts.put(description.name(), description.partitions().size());
        }
        return counts;
    }
}
