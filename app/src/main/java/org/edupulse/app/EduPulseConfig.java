package org.edupulse.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.edupulse.producers.PublisherConfig;
import org.edupulse.serde.HttpTls;
import org.edupulse.serde.RegistryCredentials;

/**
 * The settings every EduPulse command shares, from (lowest to highest precedence) built-in
 * defaults, a properties file ({@code --config FILE}), {@code EDUPULSE_*} environment variables
 * ({@code EDUPULSE_BOOTSTRAP_SERVERS} sets {@code bootstrap.servers}) and command-line options.
 * Kafka's own key names are used where the key is Kafka's. A missing {@code bootstrap.servers}
 * or {@code schema.registry.url} means "start the embedded one".
 *
 * @param bootstrapServers  an existing cluster, or null for the embedded broker
 * @param schemaRegistryUrl an existing registry, or null for the embedded registry
 * @param kafkaPort         port of the embedded broker
 * @param registryPort      port of the embedded registry
 * @param httpPort          port of the HTTP API and dashboard
 * @param dataDir           where the embedded broker and Streams state live; null for a fresh temporary directory
 * @param applicationId     Kafka Streams {@code application.id}
 * @param clientSettings    Kafka client security settings ({@code security.protocol}, {@code sasl.*},
 *                          {@code ssl.*}) applied to every client the app builds, so the same jar
 *                          talks to a SASL/TLS cluster; e.g. {@code EDUPULSE_SASL_JAAS_CONFIG} sets
 *                          {@code sasl.jaas.config}; with them the schema registry's credentials
 *                          under Confluent's keys ({@code basic.auth.credentials.source},
 *                          {@code basic.auth.user.info}), which reach every registry client the
 *                          same way
 * @param streamsSettings   the Kafka Streams settings an operator tunes per instance:
 *                          {@code num.stream.threads} (default 1), {@code commit.interval.ms}
 *                          (default 20; under exactly-once it bounds how soon, while live, each
 *                          repartition step, and so the published indicators, see a new event),
 *                          {@code catch.up.commit.interval.ms} (default 1,000, at least
 *                          {@code commit.interval.ms} and at most 5,000: how often it commits while
 *                          catching up),
 *                          {@code statestore.cache.max.bytes} (default
 *                          {@link IndicatorsApp#DEFAULT_CACHE_MAX_BYTES}, for all threads: the record
 *                          caches that collapse a unit's changes between commits) and
 *                          {@code session.timeout.ms} (Kafka's 45,000 for {@code pipeline}, 10,000 for
 *                          the embedded demo; 6,000 to 1,800,000: how long the group waits for a process
 *                          that stopped answering, killed or cut off, before its tasks move on or it may
 *                          rejoin)
 * @param gatewaySettings   the {@code gateway.*} settings given ({@code gateway.max.batch.events},
 *                          ...), for the gateway of {@code gateway}, {@code demo} and {@code pipeline};
 *                          checked, naming the key, when that gateway is built at start-up
 * @param httpTls           HTTPS at the HTTP edge from {@code http.tls.keystore},
 *                          {@code http.tls.keystore.password} and optionally {@code http.tls.key.password}
 *                          (the keystore is opened when the settings are loaded); null for plain HTTP.
 *                          It applies to whichever server a command runs: the query server with its
 *                          mounted gateway ({@code demo}, {@code pipeline}) or the standalone
 *                          {@code gateway}
 */
public record EduPulseConfig(String bootstrapServers, String schemaRegistryUrl, int kafkaPort, int registryPort,
                             int httpPort, Path dataDir, String applicationId, Map<String, String> clientSettings,
                             Map<String, String> streamsSettings, Map<String, String> gatewaySettings,
                             HttpTls httpTls) {

    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String KAFKA_PORT = "kafka.port";
    public static final String REGISTRY_PORT = "registry.port";
    public static final String HTTP_PORT = "http.port";
    public static final String DATA_DIR = "data.dir";
    public static final String APPLICATION_ID = "application.id";
    public static final String SECURITY_PROTOCOL = "security.protocol";
    public static final String NUM_STREAM_THREADS = "num.stream.threads";
    public static final String COMMIT_INTERVAL_MS = "commit.interval.ms";
    public static final String CACHE_MAX_BYTES = "statestore.cache.max.bytes";
    public static final String CATCH_UP_COMMIT_INTERVAL_MS = IndicatorsApp.CATCH_UP_COMMIT_INTERVAL_MS;
    public static final String SESSION_TIMEOUT_MS = "session.timeout.ms";
    /** The shortest and longest session a broker accepts by default ({@code group.min/max.session.timeout.ms}). */
    static final long MIN_SESSION_TIMEOUT_MS = 6_000;
    static final long MAX_SESSION_TIMEOUT_MS = 1_800_000;
    /** The Kafka Streams settings an operator may tune, see {@link #streamsSettings()}. */
    private static final List<String> STREAMS_KEYS = List.of(NUM_STREAM_THREADS, COMMIT_INTERVAL_MS,
            CATCH_UP_COMMIT_INTERVAL_MS, CACHE_MAX_BYTES, SESSION_TIMEOUT_MS);

    private static final String ENV_PREFIX = "EDUPULSE_";
    private static final String GATEWAY_PREFIX = "gateway.";
    private static final String LOCAL_BROKER = "127.0.0.1:9092";
    private static final String LOCAL_REGISTRY = "http://127.0.0.1:8081";

    public EduPulseConfig {
        checkPort(KAFKA_PORT, kafkaPort);
        checkPort(REGISTRY_PORT, registryPort);
        checkPort(HTTP_PORT, httpPort);
        if (applicationId == null || applicationId.isBlank()) {
            throw new IllegalArgumentException(APPLICATION_ID + " must not be blank");
        }
        clientSettings = Map.copyOf(clientSettings);
        // The registry's credentials are checked now, naming the key, rather than by the first serde built.
        RegistryCredentials.from(clientSettings);
        streamsSettings = Map.copyOf(streamsSettings);
        gatewaySettings = Map.copyOf(gatewaySettings);
        for (final Map.Entry<String, String> setting : streamsSettings.entrySet()) {
            if (!STREAMS_KEYS.contains(setting.getKey())) {
                throw new IllegalArgumentException("Unknown Streams setting " + setting.getKey() + ": only "
                        + String.join(", ", STREAMS_KEYS) + " can be set");
            }
            final long value = streamsValue(streamsSettings, setting.getKey());
            final int least = setting.getKey().equals(NUM_STREAM_THREADS) ? 1 : 0;
            if (value < least) {
                throw new IllegalArgumentException(setting.getKey() + " must be " + least + " or more, was " + value);
            }
        }
        checkCatchUpInterval(streamsSettings);
        checkSessionTimeout(streamsSettings);
    }

    /** Within what a broker accepts by default, rather than a consumer the group coordinator turns away at every join. */
    private static void checkSessionTimeout(final Map<String, String> streamsSettings) {
        if (!streamsSettings.containsKey(SESSION_TIMEOUT_MS)) {
            return;
        }
        final long session = streamsValue(streamsSettings, SESSION_TIMEOUT_MS);
        if (session < MIN_SESSION_TIMEOUT_MS || session > MAX_SESSION_TIMEOUT_MS) {
            throw new IllegalArgumentException(SESSION_TIMEOUT_MS + " must be from " + MIN_SESSION_TIMEOUT_MS + " to "
                    + MAX_SESSION_TIMEOUT_MS + ", was " + session + ": brokers refuse other sessions unless their"
                    + " group.min.session.timeout.ms and group.max.session.timeout.ms say otherwise");
        }
    }

    /** The catch-up interval lies between the live one and what a transaction may stay open. */
    private static void checkCatchUpInterval(final Map<String, String> streamsSettings) {
        if (!streamsSettings.containsKey(CATCH_UP_COMMIT_INTERVAL_MS)) {
            return;
        }
        final long catchUp = streamsValue(streamsSettings, CATCH_UP_COMMIT_INTERVAL_MS);
        final long live = streamsSettings.containsKey(COMMIT_INTERVAL_MS)
                ? streamsValue(streamsSettings, COMMIT_INTERVAL_MS) : IndicatorsApp.DEFAULT_COMMIT_INTERVAL_MS;
        if (catchUp < live) {
            throw new IllegalArgumentException(CATCH_UP_COMMIT_INTERVAL_MS + " must be at least " + COMMIT_INTERVAL_MS
                    + " (" + live + "), was " + catchUp + ": the catch-up interval is the longer one");
        }
        if (catchUp > IndicatorsApp.MAX_CATCH_UP_COMMIT_INTERVAL_MS) {
            throw new IllegalArgumentException(CATCH_UP_COMMIT_INTERVAL_MS + " must be at most "
                    + IndicatorsApp.MAX_CATCH_UP_COMMIT_INTERVAL_MS + ", was " + catchUp
                    + ": a transaction open longer than Kafka Streams' 10 s transaction timeout is aborted");
        }
    }

    /** Without client security settings and with the default Streams settings: a plaintext cluster. */
    public EduPulseConfig(final String bootstrapServers, final String schemaRegistryUrl, final int kafkaPort,
                          final int registryPort, final int httpPort, final Path dataDir, final String applicationId) {
        this(bootstrapServers, schemaRegistryUrl, kafkaPort, registryPort, httpPort, dataDir, applicationId, Map.of(),
                Map.of(), Map.of(), null);
    }

    /**
     * Merges the sources and validates the result.
     *
     * @param configFile a properties file, or null
     * @param env        the process environment
     * @param options    values given on the command line (absent keys are not set)
     */
    public static EduPulseConfig load(final Path configFile, final Map<String, String> env, final Map<String, String> options) {
        final Map<String, String> merged = new HashMap<>(options);
        env.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && !value.isBlank()) {
                merged.putIfAbsent(name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        if (configFile != null) {
            readProperties(configFile).forEach(merged::putIfAbsent);
        }
        merged.putIfAbsent(KAFKA_PORT, "9092");
        merged.putIfAbsent(REGISTRY_PORT, "8081");
        merged.putIfAbsent(HTTP_PORT, "8080");
        merged.putIfAbsent(APPLICATION_ID, "edupulse-indicators");
        return new EduPulseConfig(
                blankToNull(merged.get(BOOTSTRAP_SERVERS)),
                blankToNull(merged.get(SCHEMA_REGISTRY_URL)),
                intValue(merged, KAFKA_PORT),
                intValue(merged, REGISTRY_PORT),
                intValue(merged, HTTP_PORT),
                merged.get(DATA_DIR) == null ? null : Path.of(merged.get(DATA_DIR)),
                merged.get(APPLICATION_ID),
                clientSettingsOf(merged),
                streamsSettingsOf(merged),
                gatewaySettingsOf(merged),
                HttpTls.from(merged));
    }

    /** The Streams settings given, as Kafka Streams properties (absent ones keep the application's defaults). */
    public Map<String, Object> streamsOverrides() {
        final Map<String, Object> overrides = new HashMap<>();
        streamsSettings.forEach((key, value) -> overrides.put(key, key.equals(CACHE_MAX_BYTES)
                ? (Object) streamsValue(streamsSettings, key) : (Object) intValue(streamsSettings, key)));
        return overrides;
    }

    /** The client security settings as Kafka client properties, for admin, producer, consumer and Streams configs. */
    public Map<String, Object> clientOverrides() {
        return Map.copyOf(clientSettings);
    }

    /** A publisher configuration for this cluster and registry that carries the client security settings. */
    public PublisherConfig publisherConfig(final String bootstrap, final String registryUrl) {
        final PublisherConfig plain = PublisherConfig.of(bootstrap, registryUrl);
        return new PublisherConfig(bootstrap, registryUrl, plain.maxClockSkew(), clientOverrides());
    }

    /**
     * Like the generated one, but never prints credentials: {@code sasl.jaas.config}, passwords and
     * {@code basic.auth.user.info} are masked, and the registry URL is shown without its user info.
     */
    @Override
    public String toString() {
        final Map<String, String> masked = new TreeMap<>();
        clientSettings.forEach((key, value) -> masked.put(key, key.equals("sasl.jaas.config") || key.contains("password")
                || key.equals(RegistryCredentials.BASIC_AUTH_USER_INFO) ? "[hidden]" : value));
        return "EduPulseConfig[bootstrapServers=" + bootstrapServers + ", schemaRegistryUrl="
                + RegistryCredentials.redact(schemaRegistryUrl)
                + ", kafkaPort=" + kafkaPort + ", registryPort=" + registryPort + ", httpPort=" + httpPort
                + ", dataDir=" + dataDir + ", applicationId=" + applicationId + ", clientSettings=" + masked
                + ", streamsSettings=" + new TreeMap<>(streamsSettings) + ", gatewaySettings="
                + new TreeMap<>(gatewaySettings) + ", httpTls=" + httpTls + "]";
    }

    private static Map<String, String> clientSettingsOf(final Map<String, String> merged) {
        final Map<String, String> settings = new TreeMap<>();
        merged.forEach((key, value) -> {
            if ((key.equals(SECURITY_PROTOCOL) || key.startsWith("sasl.") || key.startsWith("ssl.")
                    || key.equals(RegistryCredentials.BASIC_AUTH_CREDENTIALS_SOURCE)
                    || key.equals(RegistryCredentials.BASIC_AUTH_USER_INFO))
                    && value != null && !value.isBlank()) {
                settings.put(key, value.trim());
            }
        });
        return settings;
    }

    private static Map<String, String> gatewaySettingsOf(final Map<String, String> merged) {
        final Map<String, String> settings = new TreeMap<>();
        merged.forEach((key, value) -> {
            if (key.startsWith(GATEWAY_PREFIX) && value != null && !value.isBlank()) {
                settings.put(key, value.trim());
            }
        });
        return settings;
    }

    private static Map<String, String> streamsSettingsOf(final Map<String, String> merged) {
        final Map<String, String> settings = new TreeMap<>();
        for (final String key : STREAMS_KEYS) {
            final String value = merged.get(key);
            if (value != null && !value.isBlank()) {
                settings.put(key, value.trim());
            }
        }
        return settings;
    }

    /** For client commands: the configured cluster, or a demo's embedded broker on this machine. */
    public String bootstrapServersOrLocal() {
        return bootstrapServers == null ? LOCAL_BROKER : bootstrapServers;
    }

    /** For client commands: the configured registry, or a demo's embedded registry on this machine. */
    public String schemaRegistryUrlOrLocal() {
        return schemaRegistryUrl == null ? LOCAL_REGISTRY : schemaRegistryUrl;
    }

    private static Map<String, String> readProperties(final Path file) {
        final Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot read the configuration file " + file + ": " + e.getMessage(), e);
        }
        final Map<String, String> values = new HashMap<>();
        props.stringPropertyNames().forEach(name -> values.put(name, props.getProperty(name).trim()));
        return values;
    }

    /** A Streams setting's value: the record cache's bytes may pass 2 GiB, the others are ints. */
    private static long streamsValue(final Map<String, String> values, final String key) {
        if (!key.equals(CACHE_MAX_BYTES)) {
            return intValue(values, key);
        }
        try {
            return Long.parseLong(values.get(key).trim());
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was \"" + values.get(key) + "\"", e);
        }
    }

    private static int intValue(final Map<String, String> values, final String key) {
        try {
            return Integer.parseInt(values.get(key).trim());
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was \"" + values.get(key) + "\"", e);
        }
    }

    private static void checkPort(final String key, final int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(key + " must be between 0 and 65535, was " + port);
        }
    }

    private static String blankToNull(final String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
