package org.edupulse.app;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.edupulse.platform.TopicProvisioner;
import org.edupulse.topics.Topic;
import org.edupulse.topics.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code edupulse topics}: provisions the topic catalog on an existing cluster before any service
 * starts, so that a production cluster gets its replication factor and {@code min.insync.replicas}
 * from one reviewed command rather than from whichever client happens to create a topic first.
 */
@Command(name = "topics", mixinStandardHelpOptions = true, description = "Manage the catalog's topics on a cluster.",
        subcommands = {TopicsCommand.Create.class})
public final class TopicsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code topics create}: creates the missing topics of the catalog; existing topics are left as they are. */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create the catalog's missing topics (idempotent).")
    static final class Create implements Callable<Integer> {

        @Mixin
        ConnectionOptions connection;

        @Option(names = "--replication-factor", paramLabel = "N", defaultValue = "1",
                description = "Replication factor of created topics (default: ${DEFAULT-VALUE}; 3 in production).")
        short replicationFactor;

        @Option(names = "--partitions", paramLabel = "N",
                description = "Partitions of the raw topics (school reference and the four event topics) when created;"
                        + " the pipeline's internal topics follow them (default: the catalog's, "
                        + Topics.EVENT_PARTITIONS + "). More partitions let more pipeline instances share the work.")
        Integer partitions;

        @Option(names = "--min-insync-replicas", paramLabel = "N",
                description = "min.insync.replicas of created topics (default: the broker's setting).")
        Integer minInsyncReplicas;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (replicationFactor < 1) {
                throw new ParameterException(spec.commandLine(),
                        "--replication-factor must be at least 1, was " + replicationFactor);
            }
            if (minInsyncReplicas != null && (minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor)) {
                throw new ParameterException(spec.commandLine(),
                        "--min-insync-replicas must be between 1 and the replication factor " + replicationFactor
                                + ", was " + minInsyncReplicas);
            }
            if (partitions != null && partitions < 1) {
                throw new ParameterException(spec.commandLine(), "--partitions must be at least 1, was " + partitions);
            }
            final List<Topic<String, ?>> topics = Topics.ALL.stream().<Topic<String, ?>>map(topic ->
                    partitions != null && Topics.INDICATOR_INPUTS.contains(topic) ? topic.withPartitions(partitions) : topic)
                    .toList();
            final EduPulseConfig config = connection.load(Map.of());
            final String bootstrap = config.bootstrapServersOrLocal();
            final Map<String, String> topicConfig = minInsyncReplicas == null ? Map.of()
                    : Map.of("min.insync.replicas", Integer.toString(minInsyncReplicas));
            try (Admin admin = Platform.admin(config, bootstrap)) {
                final Set<String> created = new TreeSet<>(
                        new TopicProvisioner(admin, replicationFactor, topicConfig).provision(topics));
                final PrintWriter out = spec.commandLine().getOut();
                out.printf("Topics on %s: %d created, %d already there.%n", bootstrap, created.size(),
                        Topics.ALL.size() - created.size());
                created.forEach(name -> out.println("  created " + name));
                out.flush();
                return ExitCodes.OK;
            }
        }
    }
}
