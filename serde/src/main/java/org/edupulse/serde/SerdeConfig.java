package org.edupulse.serde;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

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
