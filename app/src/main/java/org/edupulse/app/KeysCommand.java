package org.edupulse.app;

import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.edupulse.gateway.ApiKeys;
import org.edupulse.gateway.CreatedKey;
import org.edupulse.schemas.ApiKey;
import org.edupulse.schemas.ApiKeyScope;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code edupulse keys}: create, revoke and list the gateway's API keys: one school's, or the
 * department's, the only kind that may post school records.
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Manage the gateway's API keys (per school, or the department's).",
        subcommands = {KeysCommand.Create.class, KeysCommand.Revoke.class, KeysCommand.ListKeys.class})
public final class KeysCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static String holder(final ApiKey key) {
        return key.getScope() == ApiKeyScope.DEPARTMENT ? "the department" : "school " + key.getSchoolId();
    }

    private static ApiKeys connect(final ConnectionOptions connection) {
        final EduPulseConfig config = connection.load(Map.of());
        return ApiKeys.connect(config.bootstrapServersOrLocal(), config.schemaRegistryUrlOrLocal(),
                config.clientOverrides());
    }

    /** {@code keys create}: prints a new key once; only its hash is stored. */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a key for one school (--school) or for the department (--department) and print it once.")
    static final class Create implements Callable<Integer> {

        @Mixin
        ConnectionOptions connection;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Holder holder;

        @Option(names = "--label", paramLabel = "TEXT", description = "Who holds the key, e.g. the school's HR system.")
        String label;

        @Spec
        CommandSpec spec;

        /** Exactly one of the two: picocli refuses neither and both with a usage error (exit 64). */
        static final class Holder {

            @Option(names = "--school", required = true, paramLabel = "SCHOOL_ID",
                    description = "The only school the key may write events for; it may not post school records.")
            String school;

            @Option(names = "--department", required = true,
                    description = "A department (administrator) key: school records, and events of any school.")
            boolean department;
        }

        @Override
        public Integer call() {
            try (ApiKeys keys = connect(connection)) {
                final CreatedKey created = holder.department ? keys.createDepartment(label)
                        : keys.create(holder.school, label);
                final PrintWriter out = spec.commandLine().getOut();
                out.println(created.key());
                out.flush();
                final String holderText = created.scope() == ApiKeyScope.DEPARTMENT ? "for the department"
                        : "for school " + created.schoolId();
                spec.commandLine().getErr().println("Key " + created.keyId() + " " + holderText
                        + " created. It is shown once: store it now.");
                return ExitCodes.OK;
            } catch (final IllegalArgumentException e) {
                spec.commandLine().getErr().println("edupulse keys create: " + e.getMessage());
                return ExitCodes.USAGE;
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
                spec.commandLine().getOut().println("Revoked key " + revoked.get().getKeyId() + " of "
                        + holder(revoked.get()) + ".");
                return ExitCodes.OK;
            }
        }
    }

    /** {@code keys list}: key ids, scopes, schools and state; never the keys themselves. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List key ids, scopes, schools and whether revoked.")
    static final class ListKeys implements Callable<Integer> {

        @Mixin
        ConnectionOptions connection;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (ApiKeys keys = connect(connection)) {
                final PrintWriter out = spec.commandLine().getOut();
                out.printf("%-14s %-11s %-20s %-26s %s%n", "KEY ID", "SCOPE", "SCHOOL", "CREATED", "STATE");
                for (final ApiKey key : keys.list()) {
                    out.printf("%-14s %-11s %-20s %-26s %s%n", key.getKeyId(), key.getScope(), key.getSchoolId(),
                            key.getCreatedAt(),
                            key.getRevokedAt() == null ? "active" : "revoked " + key.getRevokedAt());
                }
                out.flush();
                return ExitCodes.OK;
            }
        }
    }
}
