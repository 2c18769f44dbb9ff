package org.edupulse.app;

import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.edupulse.gateway.ApiKeys;
import org.edupulse.gateway.CreatedKey;
import org.edupulse.schemas.ApiKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code edupulse keys}: create, revoke and list the gateway's per-school API keys. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Manage the gateway's per-school API keys.",
        subcommands = {KeysCommand.Create.class, KeysCommand.Revoke.class, KeysCommand.ListKeys.class})
public final class KeysCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static ApiKeys connect(final ConnectionOptions connection) {
        final EduPulseConfig config = connection.load(Map.of());
        return ApiKeys.connect(config.bootstrapServersOrLocal(), config.schemaRegistryUrlOrLocal(),
                config.clientOverrides());
    }

    /** {@code keys create}: prints a new key once; only its hash is stored. */
    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a key for one school and print it once.")
    static final class Create implements Callable<Integer> {

        @Mixin
        ConnectionOptions connection;

        @Option(names = "--school", required = true, paramLabel = "SCHOOL_ID", description = "The only school the key may write for.")
        String school;

        @Option(names = "--label", paramLabel = "TEXT", description = "Who holds the key, e.g. the school's HR system.")
        String label;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (ApiKeys keys = connect(connection)) {
                final CreatedKey created = keys.create(school, label);
                final PrintWriter out = spec.commandLine().getOut();
                out.println(created.key());
                out.flush();
                spec.commandLine().getErr().println("Key " + created.keyId() + " for school " + created.schoolId()
                        + " created. It is shown once: store it now.");
                return ExitCodes.OK;
            }
        }
    }

    /** {@code keys revoke}: the key stops working on every gateway instance. */
    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key by its id or the key itself.")
    static final class Revoke implements Callable<Integer> {

        @Mixin
        ConnectionOptions connection;

        @Parameters(paramLabel = "KEY_ID_OR_KEY")
        String key;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (ApiKeys keys = connect(connection)) {
                final Optional<ApiKey> revoked = keys.revoke(key);
                if (revoked.isEmpty()) {
                    spec.commandLine().getErr().println("edupulse keys revoke: no key " + key);
                    return ExitCodes.USAGE;
                }
                spec.commandLine().getOut().println("Revoked key " + revoked.get().getKeyId() + " of school "
                        + revoked.get().getSchoolId() + ".");
                return ExitCodes.OK;
            }
        }
    }

    /** {@code keys list}: key ids, schools and state; never the keys themselves. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List key ids, schools and whether revoked.")
    static final class ListKeys implements Callable<Integer> {

        @Mixin
        ConnectionOptions connection;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (ApiKeys keys = connect(connection)) {
                final PrintWriter out = spec.commandLine().getOut();
                out.printf("%-14s %-20s %-26s %s%n", "KEY ID", "SCHOOL", "CREATED", "STATE");
                for (final ApiKey key : keys.list()) {
                    out.printf("%-14s %-20s %-26s %s%n", key.getKeyId(), key.getSchoolId(), key.getCreatedAt(),
                            key.getRevokedAt() == null ? "active" : "revoked " + key.getRevokedAt());
                }
                out.flush();
                return ExitCodes.OK;
            }
        }
    }
}
