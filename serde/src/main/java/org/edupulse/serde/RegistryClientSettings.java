package org.edupulse.serde;

import java.time.Duration;
import java.util.Map;

/**
 * How the registry client retries, times out and remembers unknown ids, under the key names of
 * Confluent's schema registry client so that one client configuration serves both. The defaults
 * keep a producer working through a registry restart (about ten seconds of retries); a caller on a
 * Kafka Streams thread asks for fewer retries and shorter timeouts instead (see {@link #withKeys}),
 * because it must not block its thread for long.
 *
 * @param maxRetries       {@code max.retries}: retries after the first attempt (each tries every URL); default 7
 * @param retriesWait      {@code retries.wait.ms}: back-off before the first retry, doubled each time; default 100
 * @param retriesMaxWait   {@code retries.max.wait.ms}: the longest back-off; default 2000
 * @param connectTimeout   {@code http.connect.timeout.ms}: default 5000
 * @param readTimeout      {@code http.read.timeout.ms}: time for a whole answer; default 10000
 * @param missingIdTtl     {@code missing.id.cache.ttl.sec}: how long a definite "schema id not found" is
 *                         remembered (never an outage); default 60 (Confluent's default is 0, no caching)
 * @param missingCacheSize {@code missing.cache.size}: at most this many unknown ids remembered; default 10000
 */
public record RegistryClientSettings(int maxRetries, Duration retriesWait, Duration retriesMaxWait,
                                     Duration connectTimeout, Duration readTimeout, Duration missingIdTtl,
                                     int missingCacheSize) {

    public static final String MAX_RETRIES = "max.retries";
    public static final String RETRIES_WAIT_MS = "retries.wait.ms";
    public static final String RETRIES_MAX_WAIT_MS = "retries.max.wait.ms";
    public static final String HTTP_CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
    public static final String HTTP_READ_TIMEOUT_MS = "http.read.timeout.ms";
    public static final String MISSING_ID_CACHE_TTL_SEC = "missing.id.cache.ttl.sec";
    public static final String MISSING_CACHE_SIZE = "missing.cache.size";

    /** Today's behaviour of producers and tools: eight attempts over about ten seconds. */
    public static final RegistryClientSettings DEFAULTS = new RegistryClientSettings(7, Duration.ofMillis(100),
            Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(60), 10_000);

    public RegistryClientSettings {
        atLeast(MAX_RETRIES, maxRetries, 0);
        atLeast(MISSING_CACHE_SIZE, missingCacheSize, 0);
        positive(HTTP_CONNECT_TIMEOUT_MS, connectTimeout);
        positive(HTTP_READ_TIMEOUT_MS, readTimeout);
        if (retriesWait.isNegative() || retriesMaxWait.isNegative() || missingIdTtl.isNegative()) {
            throw new IllegalArgumentException("Configurations \"" + RETRIES_WAIT_MS + "\", \"" + RETRIES_MAX_WAIT_MS
                    + "\" and \"" + MISSING_ID_CACHE_TTL_SEC + "\" must be 0 or more");
        }
    }

    /** Reads the settings from a client configuration, {@link #DEFAULTS} for the keys not set. */
    public static RegistryClientSettings from(final Map<String, ?> configs) {
        return new RegistryClientSettings(
                (int) number(configs, MAX_RETRIES, DEFAULTS.maxRetries()),
                Duration.ofMillis(number(configs, RETRIES_WAIT_MS, DEFAULTS.retriesWait().toMillis())),
                Duration.ofMillis(number(configs, RETRIES_MAX_WAIT_MS, DEFAULTS.retriesMaxWait().toMillis())),
                Duration.ofMillis(number(configs, HTTP_CONNECT_TIMEOUT_MS, DEFAULTS.connectTimeout().toMillis())),
                Duration.ofMillis(number(configs, HTTP_READ_TIMEOUT_MS, DEFAULTS.readTimeout().toMillis())),
                Duration.ofSeconds(number(configs, MISSING_ID_CACHE_TTL_SEC, DEFAULTS.missingIdTtl().toSeconds())),
                (int) number(configs, MISSING_CACHE_SIZE, DEFAULTS.missingCacheSize()));
    }

    /** These settings as configuration entries, to pass to a serde that reads them with {@link #from}. */
    public Map<String, Object> withKeys() {
        return Map.of(MAX_RETRIES, maxRetries, RETRIES_WAIT_MS, retriesWait.toMillis(),
                RETRIES_MAX_WAIT_MS, retriesMaxWait.toMillis(), HTTP_CONNECT_TIMEOUT_MS, connectTimeout.toMillis(),
                HTTP_READ_TIMEOUT_MS, readTimeout.toMillis(), MISSING_ID_CACHE_TTL_SEC, missingIdTtl.toSeconds(),
                MISSING_CACHE_SIZE, missingCacheSize);
    }

    private static long number(final Map<String, ?> configs, final String key, final long fallback) {
        final Object value = configs.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("Configuration \"" + key + "\" must be a whole number, was \""
                    + value + "\"", e);
        }
    }

    private static void atLeast(final String key, final long value, final long min) {
        if (value < min) {
            throw new IllegalArgumentException("Configuration \"" + key + "\" must be " + min + " or more, was " + value);
        }
    }

    private static void positive(final String key, final Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("Configuration \"" + key + "\" must be more than 0, was "
                    + value.toMillis());
        }
    }
}
