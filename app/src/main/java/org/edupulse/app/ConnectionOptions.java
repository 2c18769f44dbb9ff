package org.edupulse.app;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every command takes to find its configuration, cluster and registry. */
public final class ConnectionOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with EduPulse and Kafka settings.")
    Path configFile;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,..]",
            description = "An existing Kafka cluster (default: the embedded broker, or 127.0.0.1:9092 for client commands).")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            description = "An existing Confluent-compatible schema registry (default: the embedded one, or http://127.0.0.1:8081).")
    String schemaRegistryUrl;

    /** The command-line values, under the configuration's key names. */
    Map<String, String> asConfig() {
        final Map<String, String> values = new HashMap<>();
        if (bootstrapServers != null) {
            values.put(EduPulseConfig.BOOTSTRAP_SERVERS, bootstrapServers);
        }
        if (schemaRegistryUrl != null) {
            values.put(EduPulseConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl);
        }
        return values;
    }

    /** The merged configuration of file, environment and these options plus {@code extra}. */
    EduPulseConfig load(final Map<String, String> extra) {
        final Map<String, String> options = asConfig();
        options.putAll(extra);
        return EduPulseConfig.load(configFile, System.getenv(), options);
    }
}
