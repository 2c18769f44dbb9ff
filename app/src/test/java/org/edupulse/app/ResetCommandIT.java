package org.edupulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.edupulse.producers.EventPublisher;
import org.edupulse.producers.PublisherConfig;
import org.edupulse.schemas.IndicatorSet;
import org.edupulse.schemas.IndicatorValue;
import org.edupulse.serde.SerdeConfig;
import org.edupulse.serde.SpecificAvroSerde;
import org.edupulse.serving.ServingConfig;
import org.edupulse.simulate.Profile;
import org.edupulse.topics.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code reset} on a real broker: refused while an instance runs, a dry run without {@code --yes}
 * (exit 64, nothing changed), and with {@code --yes} after the pipeline stopped, the input offsets
 * back at the start, the internal topics and the local state gone, and a new run publishing the
 * same figures again.
 */
class ResetCommandIT {

    private static final String APPLICATION_ID = "reset-it";
    private static final Duration DEADLINE = Duration.ofMinutes(2);
    private static final List<String> OUTPUTS = List.of(Topics.DISTRICT_INDICATORS.name(),
            Topics.PROVINCE_INDICATORS.name());

    @TempDir
    Path work;

    @Test
    void shouldResetOnlyWithYesAndOnlyOnceStoppedSoThatTheNextRunPublishesTheSameFigures() throws Exception {
        // Given the small history processed by a pipeline, with its settings in a file as an operator has them
        final EduPulseConfig config = EduPulseConfig.load(null, Map.of(), Map.of(EduPulseConfig.KAFKA_PORT, "0",
                EduPulseConfig.REGISTRY_PORT, "0", EduPulseConfig.APPLICATION_ID, APPLICATION_ID));
        final Path state = Files.createDirectory(work.resolve("state"));
        try (Platform platform = Platform.start(config);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers()))) {
            final Path settings = Files.writeString(work.resolve("edupulse.properties"), "application.id=" + APPLICATION_ID
                    + "\nbootstrap.servers=" + platform.bootstrapServers()
                    + "\nschema.registry.url=" + platform.schemaRegistryUrl() + "\n");
            final List<String> inputs = ResetCommand.inputTopics(platform.schemaRegistryUrl());
            assertThat(inputs).contains(Topics.SCHOOLS.name(), Topics.TRAINING_EVENTS.name(), Topics.STAFF_EVENTS.name(),
                    Topics.CERTIFICATION_EVENTS.name(), Topics.DEVICE_EVENTS.name());
            try (EventPublisher publisher = new EventPublisher(
                    PublisherConfig.of(platform.bootstrapServers(), platform.schemaRegistryUrl()))) {
                new SimulationRunner(publisher, Profile.SMALL, 7L).publishHistory();
            }
            final Map<String, Map<String, IndicatorValue>> firstRun;
            final Map<TopicPartition, Long> firstRunEnd;
            try (Pipeline pipeline = startPipeline(platform, config, state)) {
                awaitCaughtUp(admin, inputs);

                // When reset --yes is run while the instance is still a member of the group
                final Run refused = reset(settings, state, "--yes");

                // Then it is refused and nothing changed
                assertThat(refused.exit()).as(refused.out()).isNotZero().isNotEqualTo(ExitCodes.USAGE);
                assertThat(internalTopics(admin)).isNotEmpty();
            }
            firstRun = readFigures(platform, Map.of());
            firstRunEnd = endOffsets(admin, OUTPUTS);
            final Map<TopicPartition, OffsetAndMetadata> offsetsBefore = committed(admin);
            final Set<String> internalBefore = internalTopics(admin);
            assertThat(firstRun).hasSizeGreaterThan(1);
            assertThat(internalBefore).isNotEmpty();
            assertThat(taskDirectories(state)).isNotEmpty();

            // When reset runs without --yes on the stopped application
            final Run dryRun = reset(settings, state);

            // Then it says what it would do, exits 64 and changes nothing
            assertThat(dryRun.exit()).as(dryRun.out()).isEqualTo(ExitCodes.USAGE);
            assertThat(dryRun.out()).contains(Topics.SCHOOLS.name()).contains("--yes");
            assertThat(committed(admin)).isEqualTo(offsetsBefore);
            assertThat(internalTopics(admin)).isEqualTo(internalBefore);
            assertThat(taskDirectories(state)).isNotEmpty();

            // When reset runs with --yes
            final Run reset = reset(settings, state, "--yes");

            // Then the input offsets are at the start, the internal topics and the local state are gone
            assertThat(reset.exit()).as(reset.out()).isZero();
            final Map<TopicPartition, OffsetAndMetadata> offsetsAfter = committed(admin);
            final Map<TopicPartition, Long> earliest = earliestOffsets(admin, inputs);
            assertThat(earliest).isNotEmpty();
            earliest.forEach((partition, offset) ->
                    assertThat(offsetsAfter.get(partition)).as(partition.toString()).isNotNull()
                            .extracting(OffsetAndMetadata::offset).isEqualTo(offset));
            await().atMost(Duration.ofSeconds(30)).until(() -> internalTopics(admin).isEmpty());
            assertThat(taskDirectories(state)).isEmpty();

            // When the pipeline runs again, Then it publishes the same figures again
            try (Pipeline pipeline = startPipeline(platform, config, state)) {
                awaitCaughtUp(admin, inputs);
            }
            assertThat(readFigures(platform, firstRunEnd)).isEqualTo(firstRun);
        }
    }

    private record Run(int exit, String out) {
    }

    private static Run reset(final Path settings, final Path state, final String... more) {
        final StringWriter out = new StringWriter();
        final CommandLine cli = EduPulse.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        final List<String> args = new ArrayList<>(List.of("reset", "--config", settings.toString(),
                "--state-dir", state.toString()));
        args.addAll(List.of(more));
        return new Run(cli.execute(args.toArray(String[]::new)), out.toString());
    }

    /** The local state of the application's tasks: one directory per task (e.g. {@code 0_1}) under its own. */
    private static List<Path> taskDirectories(final Path state) throws Exception {
        final Path application = state.resolve(APPLICATION_ID);
        if (!Files.isDirectory(application)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(application)) {
            return children.filter(Files::isDirectory).toList();
        }
    }

    private static Pipeline startPipeline(final Platform platform, final EduPulseConfig config, final Path state) {
        return Pipeline.start(platform.bootstrapServers(), platform.schemaRegistryUrl(), config,
                ServingConfig.defaults(platform.bootstrapServers(), platform.schemaRegistryUrl()).withPort(0), state,
                false);
    }

    /**
     * Waits until the application has committed the end of every partition it reads, its input topics and
     * its repartition topics alike. Committed offsets are read before end offsets: once a step has consumed
     * all of its input, everything it wrote was committed with it and is counted in the next step's end.
     */
    private static void awaitCaughtUp(final Admin admin, final List<String> inputs) {
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(500)).until(() -> {
            final Map<TopicPartition, OffsetAndMetadata> committed = committed(admin);
            // The inputs and every repartition topic of the application, committed offsets or not yet:
            // a step downstream that has not committed is not caught up.
            final List<String> consumed = new java.util.ArrayList<>(inputs);
            admin.listTopics().names().get().stream()
                    .filter(topic -> topic.startsWith(APPLICATION_ID + "-") && topic.endsWith("-repartition"))
                    .forEach(consumed::add);
            final Map<TopicPartition, Long> ends = endOffsets(admin, consumed);
            ends.putAll(admin.listOffsets(committed.keySet().stream()
                    .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest())))
                    .all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset())));
            return ends.entrySet().stream().allMatch(end -> end.getValue() == 0
                    || committed.containsKey(end.getKey()) && committed.get(end.getKey()).offset() == end.getValue());
        });
    }

    private static Map<TopicPartition, OffsetAndMetadata> committed(final Admin admin) throws Exception {
        return new HashMap<>(admin.listConsumerGroupOffsets(APPLICATION_ID).partitionsToOffsetAndMetadata().get());
    }

    private static Set<String> internalTopics(final Admin admin) throws Exception {
        return admin.listTopics().names().get().stream().filter(name -> name.startsWith(APPLICATION_ID + "-"))
                .collect(Collectors.toSet());
    }

    private static Map<TopicPartition, Long> endOffsets(final Admin admin, final List<String> topics) throws Exception {
        return offsets(admin, topics, OffsetSpec.latest());
    }

    private static Map<TopicPartition, Long> earliestOffsets(final Admin admin, final List<String> topics) throws Exception {
        return offsets(admin, topics, OffsetSpec.earliest());
    }

    private static Map<TopicPartition, Long> offsets(final Admin admin, final List<String> topics, final OffsetSpec spec)
            throws Exception {
        final Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((name, description) -> description.partitions()
                .forEach(partition -> request.put(new TopicPartition(name, partition.partition()), spec)));
        final Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listOffsets(request).all().get().forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    /**
     * The latest indicators per unit on the district and province topics, reading each partition from
     * {@code from} (default: the start) to its current end; {@code asOf} is left out, it is the time of
     * evaluation.
     */
    private static Map<String, Map<String, IndicatorValue>> readFigures(final Platform platform,
                                                                      final Map<TopicPartition, Long> from) {
        final Map<String, Map<String, IndicatorValue>> latest = new HashMap<>();
        try (KafkaConsumer<String, IndicatorSet> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                SpecificAvroSerde.of(IndicatorSet.class, Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG,
                        platform.schemaRegistryUrl()), false).deserializer())) {
            final List<TopicPartition> partitions = new ArrayList<>();
            OUTPUTS.forEach(topic -> consumer.partitionsFor(topic)
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition()))));
            consumer.assign(partitions);
            partitions.forEach(partition -> consumer.seek(partition, from.getOrDefault(partition, 0L)));
            final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            await().atMost(DEADLINE).pollInterval(Duration.ZERO).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record ->
                        latest.put(record.key(), Map.copyOf(record.value().getIndicators())));
                return partitions.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition));
            });
        }
        return latest;
    }
}
