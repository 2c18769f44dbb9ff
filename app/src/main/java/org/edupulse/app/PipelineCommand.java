package org.edupulse.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.edupulse.serving.ServingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code edupulse pipeline}: one instance of the indicators pipeline with its query API and
 * dashboard against an existing cluster. Start several with the same application id (on other
 * ports or hosts) to share the work; each answers for every district by asking its peers. It
 * runs until Ctrl-C (exit 0) or until its Streams client dies (exit {@link ExitCodes#STREAMS_DEAD},
 * so that a supervisor restarts it).
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = "Run one Streams instance of the indicators pipeline with its query API and dashboard.")
public final class PipelineCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--bind-host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Interface to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 in a container).")
    String bindHost;

    @Option(names = "--advertised-host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Host name other instances use to reach this one (default: ${DEFAULT-VALUE}).")
    String advertisedHost;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Streams state directory (default: data.dir/streams, or a temporary one removed when it stops).")
    Path stateDir;

    @Option(names = "--in-memory-state", description = "Keep the topology's key-value stores in memory, each backed"
            + " by its changelog topic as with RocksDB, as the demo does: lower live latency and a faster catch-up on a"
            + " province's state, which must then fit the heap; a restart restores it all from the changelogs.")
    boolean inMemoryState;

    @Option(names = "--without-gateway", description = "Do not serve the HTTP gateway on the same port.")
    boolean withoutGateway;

    @Option(names = "--for", paramLabel = "DURATION", description = "Stop after this long (default: until Ctrl-C).")
    Duration runFor;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        final EduPulseConfig config = connection.load(Map.of());
        final String bootstrap = config.bootstrapServersOrLocal();
        final String registry = config.schemaRegistryUrlOrLocal();
        final ServingConfig serving = ServingConfig.defaults(bootstrap, registry).withPort(httpPort)
                .withHosts(bindHost, advertisedHost);
        try (StopSignal stop = StopSignal.onShutdown("edupulse-pipeline-stop");
             CommandDirectory state = CommandDirectory.streamsState(stateDir != null ? stateDir
                     : config.dataDir() != null ? config.dataDir().resolve("streams") : null);
             Pipeline pipeline = Pipeline.start(bootstrap, registry, config, serving, state.path(), !withoutGateway,
                     Pipeline.Tuning.pipeline(inMemoryState))) {
            spec.commandLine().getOut().printf("EduPulse pipeline started: application %s, HTTP %s, state %s"
                            + " (key-value stores %s)%n", config.applicationId(), pipeline.url(), state.path(),
                    pipeline.app().inMemoryState() ? "in memory" : "in RocksDB");
            spec.commandLine().getOut().flush();
            pipeline.stopWhenStreamsDie(stop);
            stop.await(runFor);
            if (pipeline.streamsDead()) {
                // On stderr, where a supervisor's journal keeps it, after the client's own log of why it died.
                spec.commandLine().getErr().printf("edupulse: the Streams client of application %s is dead (%s):"
                        + " exiting with code %d so that a supervisor restarts the pipeline%n", config.applicationId(),
                        pipeline.app().deadState(), ExitCodes.STREAMS_DEAD);
                spec.commandLine().getErr().flush();
                return ExitCodes.STREAMS_DEAD;
            }
            return ExitCodes.OK;
        }
    }
}
