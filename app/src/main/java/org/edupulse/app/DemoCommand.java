package org.edupulse.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.edupulse.gateway.ApiKeys;
import org.edupulse.gateway.DemoKeys;
import org.edupulse.producers.EventPublisher;
import org.edupulse.schemas.IndicatorSet;
import org.edupulse.serde.RegistryCredentials;
import org.edupulse.serving.ServingConfig;
import org.edupulse.simulate.Profile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code edupulse demo}: the whole product on one machine in one command. Starts the embedded
 * broker and registry (unless pointed elsewhere), the indicators pipeline and its HTTP API,
 * publishes a dataset's history, prints {@code EduPulse ready ...} once the whole history is reflected in
 * what it serves ({@link HistoryReflected}), then keeps feeding live events until Ctrl-C or {@code --for}. Started
 * again on the same {@code --data-dir} (after a stop or a crash) it carries on from its data: the
 * history already published there is not sent again.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the embedded platform, the pipeline and the HTTP API, and feed them a dataset.")
public final class DemoCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);

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

    @Option(names = "--ready-timeout", paramLabel = "DURATION", defaultValue = "600s",
            description = "How long to wait for the history to be reflected in the indicators before giving up (default: ${DEFAULT-VALUE}).")
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
        // The embedded broker is a single local node: Streams may keep its (small) state in memory, backed
        // by its changelogs. A cluster of the user's gets RocksDB.
        final Pipeline.Tuning tuning = config.bootstrapServers() == null ? Pipeline.Tuning.embeddedDemo()
                : Pipeline.Tuning.NONE;
        final long begin = System.nanoTime();
        try (StopSignal stop = StopSignal.onShutdown("edupulse-demo-stop");
             CommandDirectory state = CommandDirectory.streamsState(
                     config.dataDir() == null ? null : config.dataDir().resolve("streams"));
             // The gateway keys are API keys: without a data directory they go with the demo's broker.
             CommandDirectory keys = CommandDirectory.keptOrTemporary(config.dataDir(), "edupulse-demo-");
             Platform platform = Platform.start(config);
             Pipeline pipeline = Pipeline.start(platform.bootstrapServers(), platform.schemaRegistryUrl(), config,
                     ServingConfig.defaults(platform.bootstrapServers(), platform.schemaRegistryUrl())
                             .withPort(config.httpPort()), state.path(), true, tuning);
             EventPublisher publisher = new EventPublisher(
                     config.publisherConfig(platform.bootstrapServers(), platform.schemaRegistryUrl()));
             Admin admin = Platform.admin(config, platform.bootstrapServers())) {
            phase("platform, pipeline and publisher started (the Streams client starts in the background)", begin);
            // A dead Streams client ends the demo with its own exit code, as it ends `pipeline`.
            pipeline.stopWhenStreamsDie(stop);
            final SimulationRunner runner = new SimulationRunner(publisher, dataset, seed);
            // On a data directory that already holds this history it is not sent again: the raw
            // topics keep every record, and the auditors replay them.
            final SimulationRunner.History history = earlier.isPresent() ? runner.describeHistory() : runner.publishHistory();
            if (publishedHistory != null && earlier.isEmpty()) {
                publishedHistory.write(new PublishedHistory.Entry(dataset.profileName(), seed, history.events()));
            }
            phase("history of " + history.events() + " events acknowledged", begin);
            final Path keyFile = writeDemoKeys(platform, config, keys.path(), history);
            // Ready means the whole history is in what the demo serves, not merely some of it.
            final HistoryReflected.Outcome reflected = HistoryReflected.await(admin, config.applicationId(),
                    pipeline::syncReaders, readyTimeout, stop);
            final int districts = reflected.reflected()
                    ? awaitDistricts(pipeline.app(), history.districtIds().size(), readyTimeout, stop) : 0;
            if (!reflected.reflected() || districts == 0) {
                spec.commandLine().getErr().println("edupulse: the history is not reflected in the indicators within "
                        + readyTimeout + ": " + reflected.detail() + " (streams state "
                        + pipeline.app().streams().state() + ")");
                return 1;
            }
            phase("history reflected (" + reflected.detail() + ")", begin);
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
        }
    }

    /** A step of the start-up, with the time since the command began: shown with INFO logging (BENCHMARKS.md). */
    private static void phase(final String step, final long begin) {
        LOG.info("demo start-up: {} after {} ms", step, (System.nanoTime() - begin) / 1_000_000);
    }

    /** Keys for the first school of each district, so a user can try the gateway with curl at once. */
    private static Path writeDemoKeys(final Platform platform, final EduPulseConfig config, final Path dir,
                                      final SimulationRunner.History history) throws IOException {
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
