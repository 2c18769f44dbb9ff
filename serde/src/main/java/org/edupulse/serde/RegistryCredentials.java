package org.edupulse.serde;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;

/**
 * The HTTP Basic credentials the registry client sends, chosen under Confluent's key names so that
 * a client configuration for a registry behind authentication (Confluent Cloud, a registry with a
 * JAAS realm) works unchanged: {@code basic.auth.credentials.source} is {@code URL} (the default:
 * the user info of each {@code schema.registry.url}, {@code http://user:password@host:port}),
 * {@code USER_INFO} ({@code basic.auth.user.info=user:password}) or {@code SASL_INHERIT} (the
 * {@code username} and {@code password} options of the Kafka client's {@code sasl.jaas.config}).
 *
 * <p>The secret never leaves this class in text: {@link #toString()}, the errors about a bad
 * setting and {@link #redact} show neither the user nor the password.
 */
public final class RegistryCredentials {

    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";

    /** Where the credentials come from: Confluent's values of {@code basic.auth.credentials.source}. */
    public enum Source {
        /** The user info of each registry URL; none when a URL has none. */
        URL,
        /** {@code basic.auth.user.info}, for every registry URL. */
        USER_INFO,
        /** The {@code username} and {@code password} of {@code sasl.jaas.config}, for every registry URL. */
        SASL_INHERIT
    }

    /** Confluent's default: credentials only where a URL carries them. */
    public static final RegistryCredentials FROM_URL = new RegistryCredentials(Source.URL, null);

    private final Source source;
    /** {@code user:password} for {@link Source#USER_INFO} and {@link Source#SASL_INHERIT}; null for {@link Source#URL}. */
    private final String userInfo;

    private RegistryCredentials(final Source source, final String userInfo) {
        this.source = source;
        this.userInfo = userInfo;
    }

    /** The same user and password for every registry URL, as {@code basic.auth.user.info} gives them. */
    public static RegistryCredentials userInfo(final String userInfo) {
        checkUserInfo(userInfo, BASIC_AUTH_USER_INFO);
        return new RegistryCredentials(Source.USER_INFO, userInfo);
    }

    /** Reads {@code basic.auth.credentials.source} and what it names from a client configuration. */
    public static RegistryCredentials from(final Map<String, ?> configs) {
        final Object named = configs.get(BASIC_AUTH_CREDENTIALS_SOURCE);
        final String text = named == null ? "" : named.toString().trim();
        if (text.isEmpty()) {
            return FROM_URL;
        }
        final Source source;
        try {
            source = Source.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException("Configuration \"" + BASIC_AUTH_CREDENTIALS_SOURCE + "\" has unknown value \""
                    + text + "\"; known: URL (the default), USER_INFO, SASL_INHERIT", e);
        }
        return switch (source) {
            case URL -> FROM_URL;
            case USER_INFO -> userInfoFrom(configs);
            case SASL_INHERIT -> new RegistryCredentials(Source.SASL_INHERIT, fromJaas(configs.get(SaslConfigs.SASL_JAAS_CONFIG)));
        };
    }

    public Source source() {
        return source;
    }

    /**
     * The {@code Authorization} header for requests to a registry URL as configured (user info
     * included), or empty when no credentials apply to it.
     */
    Optional<String> authorization(final URI configured) {
        final String credentials = source == Source.URL ? configured.getUserInfo() : userInfo;
        if (credentials == null || credentials.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }

    /** What a registry refusing these credentials should be told to check, for error messages. */
    String whereToLook() {
        return switch (source) {
            case URL -> "the user info of \"" + SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG + "\" (http://USER:PASSWORD@host:port; "
                    + BASIC_AUTH_CREDENTIALS_SOURCE + "=URL, the default)";
            case USER_INFO -> "\"" + BASIC_AUTH_USER_INFO + "\" (" + BASIC_AUTH_CREDENTIALS_SOURCE + "=USER_INFO)";
            case SASL_INHERIT -> "the username and password of \"" + SaslConfigs.SASL_JAAS_CONFIG + "\" ("
                    + BASIC_AUTH_CREDENTIALS_SOURCE + "=SASL_INHERIT)";
        };
    }

    /**
     * The registry URLs ({@code schema.registry.url}, comma-separated) without their user info, for
     * logs and messages; a URL that cannot be read is shown as {@code [unreadable URL]}.
     */
    public static String redact(final String urls) {
        if (urls == null) {
            return null;
        }
        final StringBuilder shown = new StringBuilder();
        for (final String url : urls.split(",", -1)) {
            shown.append(shown.length() == 0 ? "" : ",").append(withoutUserInfo(url.trim()));
        }
        return shown.toString();
    }

    /** The URL without its user info: scheme, host, port and path only. */
    static String withoutUserInfo(final String url) {
        final int scheme = url.indexOf("://");
        if (scheme < 0) {
            return url.indexOf('@') < 0 ? url : "[unreadable URL]";
        }
        final int authorityStart = scheme + 3;
        final int pathStart = firstOf(url, authorityStart, "/?#");
        final String authority = url.substring(authorityStart, pathStart);
        final int at = authority.lastIndexOf('@');
        return at < 0 ? url : url.substring(0, authorityStart) + authority.substring(at + 1) + url.substring(pathStart);
    }

    private static int firstOf(final String text, final int from, final String chars) {
        for (int i = from; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }

    @Override
    public String toString() {
        return "RegistryCredentials[source=" + source + (userInfo == null ? "" : ", user info hidden") + "]";
    }

    private static RegistryCredentials userInfoFrom(final Map<String, ?> configs) {
        final Object value = configs.get(BASIC_AUTH_USER_INFO);
        final String text = value instanceof Password p ? p.value() : value == null ? null : value.toString().trim();
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("Configuration \"" + BASIC_AUTH_CREDENTIALS_SOURCE + "\" is USER_INFO but \""
                    + BASIC_AUTH_USER_INFO + "\" is not set: give it as USER:PASSWORD");
        }
        return userInfo(text);
    }

    private static void checkUserInfo(final String userInfo, final String key) {
        if (userInfo == null || userInfo.indexOf(':') <= 0) {
            throw new IllegalArgumentException("Configuration \"" + key + "\" must be USER:PASSWORD, with a user name"
                    + " before the first ':' (the value is not shown)");
        }
    }

    /**
     * {@code user:password} from the options of the JAAS login module Kafka's SASL PLAIN and SCRAM
     * clients use. Kafka's own parser reads the text; its errors are not passed on, as they may quote it.
     */
    private static String fromJaas(final Object jaasConfig) {
        final String where = "Configuration \"" + BASIC_AUTH_CREDENTIALS_SOURCE + "\" is SASL_INHERIT, ";
        if (jaasConfig == null || jaasConfig.toString().isBlank()) {
            throw new IllegalArgumentException(where + "which takes the user and password from \""
                    + SaslConfigs.SASL_JAAS_CONFIG + "\", but that is not set");
        }
        final Password password = jaasConfig instanceof Password p ? p : new Password(jaasConfig.toString());
        final List<AppConfigurationEntry> entries;
        try {
            entries = JaasContext.loadClientContext(Map.of(SaslConfigs.SASL_JAAS_CONFIG, password)).configurationEntries();
        } catch (final RuntimeException e) {
            throw new IllegalArgumentException(where + "but \"" + SaslConfigs.SASL_JAAS_CONFIG
                    + "\" could not be read (" + e.getClass().getSimpleName() + "; the value is not shown)");
        }
        final Map<String, ?> options = entries.get(0).getOptions();
        final Object user = options.get("username");
        final Object secret = options.get("password");
        if (user == null || secret == null || user.toString().isEmpty()) {
            throw new IllegalArgumentException(where + "but the login module of \"" + SaslConfigs.SASL_JAAS_CONFIG
                    + "\" has no username and password options (as PLAIN and SCRAM have)");
        }
        final String userInfo = user + ":" + secret;
        checkUserInfo(userInfo, SaslConfigs.SASL_JAAS_CONFIG);
        return userInfo;
    }
}
