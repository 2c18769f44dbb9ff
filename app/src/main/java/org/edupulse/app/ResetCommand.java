package org.edupulse.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.tools.StreamsResetter;
import org.edupulse.serde.SerdeConfig;
import org.edupulse.streams.IndicatorsConfig;
import org.edupulse.streams.IndicatorsTopology;
import org.edupulse.topics.Topic;
import org.edupulse.topics.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code edupulse reset}: makes the next {@code pipeline} run reprocess every event from the
 * start, after a change of the topology or of an internal format that the old state cannot be
 * read with. Kafka's own {@link StreamsResetter} moves the application's committed offsets on its
 * input topics to the earliest and deletes its internal (changelog and repartition) topics; then
 * {@code KafkaStreams#cleanUp()} deletes this host's local state. Destructive, so nothing changes
 * without {@code --yes}, and the resetter refuses while an instance is still a member of the
 * application's consumer group. Output topics are not touched: the next run publishes every figure
 * again (the compacted indicator topics end with the same values; the history gets the sets again).
 */
@Command(name = "reset", mixinStandardHelpOptions = true,
        description = {"Reset the indicators pipeline to reprocess every event from the start (after a topology or"
                + " internal format change): input offsets to the earliest, internal topics deleted, local state"
                + " deleted.", "Stop every pipeline instance first. Without --yes it only shows what it would do"
                + " (exit 64)."})
public final class ResetCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Streams state directory of this host's pipeline (default: data.dir/streams, if set).")
    Path stateDir;

    @Option(names = "--yes", description = "Really reset. Without it: show what would be done, change nothing, exit 64.")
    boolean yes;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        final PrintWriter out = spec.commandLine().getOut();
        final EduPulseConfig config = connection.load(Map.of());
        final String bootstrap = config.bootstrapServersOrLocal();
        final String registry = config.schemaRegistryUrlOrLocal();
        final String applicationId = config.applicationId();
        final Path state = stateDir != null ? stateDir
                : config.dataDir() != null ? config.dataDir().resolve("streams") : null;
        final List<String> inputs = inputTopics(registry);

        out.printf("%s application %s on %s:%n", yes ? "Resetting" : "Would reset (dry run)", applicationId, bootstrap);
        out.printf("  committed offsets on its input topics to the earliest: %s%n", String.join(", ", inputs));
        out.printf("  delete its internal topics (%s-...-changelog, %s-...-repartition)%n", applicationId, applicationId);
        out.printf("  delete this host's local state: %s%n", state == null
                ? "none given (--state-dir or data.dir)" : state.resolve(applicationId));
        out.flush();

        final int resetter = runResetter(bootstrap, applicationId, inputs, config.clientOverrides(), !yes);
        if (!yes) {
            out.println("Nothing changed. Stop every pipeline instance of " + applicationId
                    + ", then run again with --yes to reset.");
            out.flush();
            return ExitCodes.USAGE;
        }
        if (resetter != 0) {
            spec.commandLine().getErr().println("edupulse: the reset of " + applicationId + " failed or was refused"
                    + " (see above); the local state was left alone. Stop every pipeline instance of the application,"
                    + " then run reset again.");
            return 1;
        }
        if (state != null && Files.isDirectory(state)) {
            try (IndicatorsApp app = new IndicatorsApp(bootstrap, registry, applicationId, state,
                    Map.copyOf(config.clientOverrides()))) {
                app.cleanUp();
            }
        }
        out.println("Reset done: the next pipeline run of " + applicationId + " reprocesses every event from the start.");
        out.flush();
        return ExitCodes.OK;
    }

    /** The catalog topics the indicators topology reads (its other sources are its own internal topics). */
    static List<String> inputTopics(final String registryUrl) {
        final Set<String> catalog = new TreeSet<>();
        for (final Topic<String, ?> topic : Topics.ALL) {
            catalog.add(topic.name());
        }
        final Set<String> inputs = new TreeSet<>();
        final TopologyDescription description = new IndicatorsTopology(IndicatorsConfig.defaults(),
                Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl)).build().describe();
        for (final TopologyDescription.Subtopology subtopology : description.subtopologies()) {
            for (final TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
                    source.topicSet().stream().filter(catalog::contains).forEach(inputs::add);
                }
            }
        }
        return List.copyOf(inputs);
    }

    /**
     * Kafka's resetter, with the client security settings in a command-config file readable by this
     * user only (it reads its admin client's settings from there), deleted afterwards.
     */
    private static int runResetter(final String bootstrap, final String applicationId, final List<String> inputs,
                                   final Map<String, Object> clientSettings, final boolean dryRun) throws IOException {
        final List<String> args = new ArrayList<>(List.of("--bootstrap-server", bootstrap,
                "--application-id", applicationId, "--input-topics", String.join(",", inputs), "--to-earliest"));
        if (dryRun) {
            args.add("--dry-run");
        }
        final Properties settings = new Properties();
        settings.putAll(clientSettings);
        Path commandConfig = null;
        try {
            if (!settings.isEmpty()) {
                commandConfig = privateTempFile();
                try (Writer writer = Files.newBufferedWriter(commandConfig)) {
                    settings.store(writer, "edupulse reset: client settings");
                }
                args.addAll(List.of("--command-config", commandConfig.toString()));
            }
            return new StreamsResetter().execute(args.toArray(String[]::new), settings);
        } finally {
            if (commandConfig != null) {
                Files.deleteIfExists(commandConfig);
            }
        }
    }

    private static Path privateTempFile() throws IOException {
        try {
            return Files.createTempFile("edupulse-reset-", ".properties",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (final UnsupportedOperationException e) {
            return Files.createTempFile("edupulse-reset-", ".properties");
        }
    }
}
