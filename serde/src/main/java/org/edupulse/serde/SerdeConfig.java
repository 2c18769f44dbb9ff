package org.edupulse.serde;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * The serde's settings, read from the client configuration under Confluent's own key names, so
 * that a configuration written for Confluent's {@code KafkaAvroSerializer} works unchanged here
 * and the other way round.
 *
 * @param registryUrls          base URLs of the schema registry ({@code mock://scope} for an in-memory one)
 * @param autoRegisterSchemas   register the record's schema on first use
 * @param useLatestVersion      write with the subject's latest registered schema instead
 * @param keySubjectStrategy    subject naming for keys
 * @param valueSubjectStrategy  subject naming for values
 * @param specificAvroReader    deserialize into generated classes rather than GenericRecord
 * @param registryClient        the registry client's retries, timeouts and unknown-id memory
 * @param credentials           the HTTP Basic credentials sent to the registry ({@code basic.auth.*})
 */
public record SerdeConfig(List<String> registryUrls, boolean autoRegisterSchemas, boolean useLatestVersion,
                          SubjectNameStrategy keySubjectStrategy, SubjectNameStrategy valueSubjectStrategy,
                          boolean specificAvroReader, RegistryClientSettings registryClient,
                          RegistryCredentials credentials) {

    public static final String SCHEMA_REGISTRY_URL_CONFIG = "schema.registry.url";
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";
    public static final String SPECIFIC_AVRO_READER_CONFIG = "specific.avro.reader";

    public SerdeConfig {
        registryUrls = List.copyOf(registryUrls);
        if (registryUrls.isEmpty()) {
            throw new IllegalArgumentException("Missing required configuration \"" + SCHEMA_REGISTRY_URL_CONFIG
                    + "\": the serde needs a schema registry URL");
        }
    }

    /** What the registry client reads from a client configuration besides the URL: credentials, retries, timeouts. */
    private static final List<String> REGISTRY_CLIENT_KEYS = List.of(RegistryCredentials.BASIC_AUTH_CREDENTIALS_SOURCE,
            RegistryCredentials.BASIC_AUTH_USER_INFO, SaslConfigs.SASL_JAAS_CONFIG, RegistryClientSettings.MAX_RETRIES,
            RegistryClientSettings.RETRIES_WAIT_MS, RegistryClientSettings.RETRIES_MAX_WAIT_MS,
            RegistryClientSettings.HTTP_CONNECT_TIMEOUT_MS, RegistryClientSettings.HTTP_READ_TIMEOUT_MS,
            RegistryClientSettings.MISSING_ID_CACHE_TTL_SEC, RegistryClientSettings.MISSING_CACHE_SIZE);

    /**
     * A serde configuration for the registry at {@code schemaRegistryUrl} that also carries what
     * {@code clientSettings}, the settings a process gives every Kafka client it builds, hold for
     * the registry client: its credentials ({@code basic.auth.*}, and {@code sasl.jaas.config} for
     * {@code SASL_INHERIT}), retries and timeouts. A serde built from it talks to the registry as
     * one configured by Kafka from those client settings would.
     */
    public static Map<String, Object> forRegistry(final String schemaRegistryUrl, final Map<String, ?> clientSettings) {
        final Map<String, Object> configs = new HashMap<>();
        for (final String key : REGISTRY_CLIENT_KEYS) {
            final Object value = clientSettings.get(key);
            if (value != null) {
                configs.put(key, value);
            }
        }
        configs.put(SCHEMA_REGISTRY_URL_CONFIG, schemaRegistryUrl);
        return configs;
    }

    /** Reads the settings from a Kafka client configuration map, with Confluent's defaults. */
    public static SerdeConfig from(final Map<String, ?> configs) {
        final Object url = configs.get(SCHEMA_REGISTRY_URL_CONFIG);
        final List<String> urls = url == null ? List.of()
                : Arrays.stream(url.toString().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        return new SerdeConfig(urls,
                bool(configs, AUTO_REGISTER_SCHEMAS, true),
                bool(configs, USE_LATEST_VERSION, false),
                strategy(configs, KEY_SUBJECT_NAME_STRATEGY),
                strategy(configs, VALUE_SUBJECT_NAME_STRATEGY),
                bool(configs, SPECIFIC_AVRO_READER_CONFIG, false),
                RegistryClientSettings.from(configs),
                RegistryCredentials.from(configs));
    }

    /** Like the generated one, but the registry URLs without their user info. */
    @Override
    public String toString() {
        return "SerdeConfig[registryUrls=" + RegistryCredentials.redact(String.join(",", registryUrls))
                + ", autoRegisterSchemas=" + autoRegisterSchemas + ", useLatestVersion=" + useLatestVersion
                + ", keySubjectStrategy=" + keySubjectStrategy + ", valueSubjectStrategy=" + valueSubjectStrategy
                + ", specificAvroReader=" + specificAvroReader + ", registryClient=" + registryClient
                + ", credentials=" + credentials + "]";
    }

    private static boolean bool(final Map<String, ?> configs, final String key, final boolean fallback) {
        final Object value = configs.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        final String text = value.toString().trim();
        if (!"true".equalsIgnoreCase(text) && !"false".equalsIgnoreCase(text)) {
            throw new IllegalArgumentException("Configuration \"" + key + "\" must be true or false, was \"" + text + "\"");
        }
        return Boolean.parseBoolean(text);
    }

    private static SubjectNameStrategy strategy(final Map<String, ?> configs, final String key) {
        final Object value = configs.get(key);
        if (value == null) {
            return SubjectNameStrategy.TOPIC_NAME;
        }
        final String name = value instanceof Class<?> c ? c.getName() : value.toString().trim();
        return SubjectNameStrategy.named(name).orElseThrow(() -> new IllegalArgumentException(
                "Configuration \"" + key + "\" names an unknown subject name strategy \"" + name
                        + "\"; known: TopicNameStrategy, RecordNameStrategy, TopicRecordNameStrategy"));
    }
}
