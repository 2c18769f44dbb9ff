package org.edupulse.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.edupulse.gateway.ApiKeys;
import org.edupulse.gateway.DemoKeys;
import org.edupulse.platform.Directories;
import org.edupulse.producers.EventPublisher;
import org.edupulse.schemas.IndicatorSet;
import org.edupulse.serde.RegistryCredentials;
import org.edupulse.serving.ServingConfig;
import org.edupulse.simulate.Profile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code edupulse demo}: the whole product on one machine in one command. Starts the embedded
 * broker and registry (unless pointed elsewhere), the indicators pipeline and its HTTP API,
 * publishes a dataset's history, prints {@code EduPulse ready ...} once every district has a
 * published indicator set, then keeps feeding live events until Ctrl-C or {@code --for}. Started
 * again on the same {@code --data-dir} (after a stop or a crash) it carries on from its data: the
 * history already published there is not sent again.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the embedded platform, the pipeline and the HTTP API, and feed them a dataset.")
public final class DemoCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "5",
            description = "Live events per second after the history; 0 publishes the history only (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--for", paramLabel = "DURATION",
            description = "Stop after this long once ready, e.g. 90s or 5m (default: run until Ctrl-C).")
    Duration runFor;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep the broker's data and the Streams state here between runs (default: a fresh temporary directory).")
    Path dataDir;

    @Option(names = "--profile", paramLabel = "NAME", defaultValue = "dien-bien-2025",
            description = "Dataset to publish: dien-bien-2025 or small (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "2025", description = "Seed of the dataset (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--http-port", paramLabel = "PORT", description = "Port of the HTTP API (default: 8080).")
    Integer httpPort;

    @Option(names = "--kafka-port", paramLabel = "PORT", description = "Port of the embedded broker (default: 9092).")
    Integer kafkaPort;

    @Option(names = "--registry-port", paramLabel = "PORT", description = "Port of the embedded registry (default: 8081).")
    Integer registryPort;

    @Option(names = "--ready-timeout", paramLabel = "DURATION", defaultValue = "180s",
            description = "How long to wait for the first indicators before giving up (default: ${DEFAULT-VALUE}).")
    Duration readyTimeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        final PrintWriter out = spec.commandLine().getOut();
        final Profile dataset = Profile.byName(profile);
        final Map<String, String> extra = new HashMap<>();
        if (httpPort != null) {
            extra.put(EduPulseConfig.HTTP_PORT, httpPort.toString());
        }
        if (kafkaPort != null) {
            extra.put(EduPulseConfig.KAFKA_PORT, kafkaPort.toString());
        }
        if (registryPort != null) {
            extra.put(EduPulseConfig.REGISTRY_PORT, registryPort.toString());
        }
        if (dataDir != null) {
            extra.put(EduPulseConfig.DATA_DIR, dataDir.toString());
        }
        final EduPulseConfig config = connection.load(extra);
        final PublishedHistory publishedHistory = config.dataDir() == null ? null : new PublishedHistory(config.dataDir());
        final Optional<PublishedHistory.Entry> earlier = publishedHistory == null ? Optional.empty() : publishedHistory.read();
        if (earlier.isPresent() && (!earlier.get().profile().equals(dataset.profileName()) || earlier.get().seed() != seed)) {
            spec.commandLine().getErr().printf("edupulse: the data directory %s already holds the history of --profile %s"
                            + " --seed %d (%s): start with those, or use another --data-dir%n", config.dataDir(),
                    earlier.get().profile(), earlier.get().seed(), publishedHistory.file());
            return ExitCodes.USAGE;
        }
        final Path stateDir = config.dataDir() == null ? Files.createTempDirectory("edupulse-streams-")
                : Files.createDirectories(config.dataDir().resolve("streams"));
        try (StopSignal stop = StopSignal.onShutdown("edupulse-demo-stop");
             Platform platform = Platform.start(config);
             Pipeline pipeline = Pipeline.start(platform.bootstrapServers(), platform.schemaRegistryUrl(), config,
                     ServingConfig.defaults(platform.bootstrapServers(), platform.schemaRegistryUrl())
                             .withPort(config.httpPort()), stateDir, true);
             EventPublisher publisher = new EventPublisher(
                     config.publisherConfig(platform.bootstrapServers(), platform.schemaRegistryUrl()))) {
            // A dead Streams client ends the demo with its own exit code, as it ends `pipeline`.
            pipeline.stopWhenStreamsDie(stop);
            final SimulationRunner runner = new SimulationRunner(publisher, dataset, seed);
            // On a data directory that already holds this history it is not sent again: the raw
            // topics keep every record, and the auditors replay them.
            final SimulationRunner.History history = earlier.isPresent() ? runner.describeHistory() : runner.publishHistory();
            if (publishedHistory != null && earlier.isEmpty()) {
                publishedHistory.write(new PublishedHistory.Entry(dataset.profileName(), seed, history.events()));
            }
            final Path keyFile = writeDemoKeys(platform, config, history);
            final int districts = awaitDistricts(pipeline.app(), history.districtIds().size(), readyTimeout, stop);
            if (districts == 0) {
                spec.commandLine().getErr().println("edupulse: no district indicators within " + readyTimeout
                        + " (streams state " + pipeline.app().streams().state() + ")");
                return 1;
            }
            out.printf("EduPulse ready: broker %s, schema registry %s, HTTP %s (%d history events from profile %s%s,"
                            + " %d districts published; live events at %s/s; Ctrl-C to stop)%n",
                    platform.bootstrapServers(), RegistryCredentials.redact(platform.schemaRegistryUrl()), pipeline.url(),
                    history.events(),
                    dataset.profileName(), earlier.isPresent() ? " already published in " + config.dataDir() : "",
                    districts, rate);
            out.printf("Dashboard %s/ ; gateway keys for demo schools in %s%n", pipeline.url(), keyFile);
            out.flush();
            final long live = runner.publishLive(rate, runFor, stop);
            if (rate <= 0 && !stop.isStopped()) {
                stop.await(runFor);
            }
            if (pipeline.streamsDead()) {
                spec.commandLine().getErr().printf("edupulse: the Streams client is dead (%s): exiting with code %d%n",
                        pipeline.app().deadState(), ExitCodes.STREAMS_DEAD);
                return ExitCodes.STREAMS_DEAD;
            }
            out.printf("EduPulse stopping after %d live events.%n", live);
            out.flush();
            return 0;
        } finally {
            if (config.dataDir() == null) {
                Directories.deleteRecursively(stateDir);
            }
        }
    }

    /** Keys for the first school of each district, so a user can try the gateway with curl at once. */
    private static Path writeDemoKeys(final Platform platform, final EduPulseConfig config,
                                      final SimulationRunner.History history) throws IOException {
        final Path dir = config.dataDir() == null ? Files.createTempDirectory("edupulse-demo-") : config.dataDir();
        final Path file = dir.resolve("gateway-keys.properties");
        try (ApiKeys keys = ApiKeys.connect(platform.bootstrapServers(), platform.schemaRegistryUrl(),
                config.clientOverrides())) {
            DemoKeys.write(file, history.firstSchoolPerDistrict(), keys);
        }
        return file;
    }

    private static int awaitDistricts(final IndicatorsApp app, final int expected, final Duration timeout, final StopSignal stop)
            throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        while (System.nanoTime() < deadline && !stop.isStopped()) {
            try (KeyValueIterator<String, IndicatorSet> all = app.districtStore().all()) {
                final Iterable<org.apache.kafka.streams.KeyValue<String, IndicatorSet>> iterable = () -> all;
                final Set<String> ids = StreamSupport.stream(iterable.spliterator(), false)
                        .map(kv -> kv.key).collect(Collectors.toSet());
                seen = ids.size();
                if (seen >= expected) {
                    return seen;
                }
            } catch (final InvalidStateStoreException e) {
                // The store opens once the application is RUNNING: try again on the next round.
            }
            if (stop.await(Duration.ofMillis(250))) {
                break;
            }
        }
        return seen;
    }
}
