package org.edupulse.app;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.edupulse.producers.EventPublisher;
import org.edupulse.simulate.Profile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code edupulse simulate}: publishes a dataset's deterministic history to a running cluster
 * (a demo's embedded broker by default), then optionally live events at a steady rate.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Publish a generated, calibrated event history (and optionally live events) to a running cluster.")
public final class SimulateCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--profile", paramLabel = "NAME", defaultValue = "dien-bien-2025",
            description = "Dataset: dien-bien-2025 or small (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "2025", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "0",
            description = "Live events per second after the history; 0 stops after the history (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--for", paramLabel = "DURATION", description = "Stop the live events after this long (default: until Ctrl-C).")
    Duration runFor;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        final PrintWriter out = spec.commandLine().getOut();
        final Profile dataset = Profile.byName(profile);
        final EduPulseConfig config = connection.load(Map.of());
        final String bootstrap = config.bootstrapServersOrLocal();
        final String registry = config.schemaRegistryUrlOrLocal();
        try (StopSignal stop = StopSignal.onShutdown("edupulse-simulate-stop");
             EventPublisher publisher = new EventPublisher(config.publisherConfig(bootstrap, registry))) {
            final SimulationRunner runner = new SimulationRunner(publisher, dataset, seed);
            final SimulationRunner.History history = runner.publishHistory();
            out.printf("Published %d history events of profile %s (seed %d) for %d districts to %s.%n",
                    history.events(), dataset.profileName(), seed, history.districtIds().size(), bootstrap);
            out.flush();
            final long live = runner.publishLive(rate, runFor, stop);
            if (live > 0) {
                out.printf("Published %d live events.%n", live);
            }
            return 0;
        }
    }
}
