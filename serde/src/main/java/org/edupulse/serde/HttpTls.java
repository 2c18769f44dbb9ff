package org.edupulse.serde;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * HTTPS at the HTTP edge (the query server with its mounted gateway, and the standalone gateway),
 * on the JDK alone: a PKCS12 keystore holding the server's key and certificate, TLS 1.3 and 1.2
 * only. Built from the {@code http.tls.*} settings ({@link #from}); the keystore is opened when the
 * settings are read, so a missing file or a wrong password fails start-up naming the setting. The
 * passwords are never printed ({@link #toString()}).
 */
public final class HttpTls {

    public static final String KEYSTORE = "http.tls.keystore";
    public static final String KEYSTORE_PASSWORD = "http.tls.keystore.password";
    public static final String KEY_PASSWORD = "http.tls.key.password";
    /** The protocols offered; the JDK's defaults for everything else (cipher suites, groups). */
    public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final Path keystore;
    private final SSLContext serverContext;
    private final SSLContext clientContext;

    private HttpTls(final Path keystore, final SSLContext serverContext, final SSLContext clientContext) {
        this.keystore = keystore;
        this.serverContext = serverContext;
        this.clientContext = clientContext;
    }

    /**
     * The {@code http.tls.*} entries of {@code settings}: null when {@link #KEYSTORE} is not set
     * (plain HTTP), otherwise the opened keystore.
     *
     * @throws IllegalArgumentException naming the setting, never the password: a password without a
     *                                  keystore, a keystore without a password, a keystore that cannot
     *                                  be read or holds no key, or a password that does not open it
     */
    public static HttpTls from(final Map<String, String> settings) {
        final String keystore = text(settings.get(KEYSTORE));
        final String password = settings.get(KEYSTORE_PASSWORD);
        final String keyPassword = settings.get(KEY_PASSWORD);
        if (keystore == null) {
            if (password != null || keyPassword != null) {
                throw new IllegalArgumentException(KEYSTORE_PASSWORD + " or " + KEY_PASSWORD + " is set but "
                        + KEYSTORE + " is not: set " + KEYSTORE + " to a PKCS12 file to serve HTTPS");
            }
            return null;
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException(KEYSTORE + " is set but " + KEYSTORE_PASSWORD + " is not");
        }
        return open(Path.of(keystore), password.toCharArray(),
                keyPassword == null || keyPassword.isEmpty() ? password.toCharArray() : keyPassword.toCharArray());
    }

    /** Opens a PKCS12 {@code keystore}; the errors of {@link #from}. */
    public static HttpTls open(final Path keystore, final char[] password, final char[] keyPassword) {
        Objects.requireNonNull(keystore, KEYSTORE);
        Objects.requireNonNull(password, KEYSTORE_PASSWORD);
        Objects.requireNonNull(keyPassword, KEY_PASSWORD);
        if (!Files.isRegularFile(keystore) || !Files.isReadable(keystore)) {
            throw new IllegalArgumentException(KEYSTORE + " " + keystore + " is not a readable file");
        }
        final KeyStore store;
        try (InputStream in = Files.newInputStream(keystore)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
        } catch (final IOException e) {
            // PKCS12 reports a wrong password as an IOException caused by UnrecoverableKeyException.
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new IllegalArgumentException(KEYSTORE_PASSWORD + " does not open " + KEYSTORE + " " + keystore
                        + " (wrong password)");
            }
            throw new IllegalArgumentException(KEYSTORE + " " + keystore + " cannot be read as PKCS12: "
                    + e.getMessage());
        } catch (final GeneralSecurityException e) {
            throw new IllegalArgumentException(KEYSTORE + " " + keystore + " cannot be read as PKCS12: "
                    + e.getMessage());
        }
        try {
            if (Collections.list(store.aliases()).stream().noneMatch(alias -> isKey(store, alias))) {
                throw new IllegalArgumentException(KEYSTORE + " " + keystore + " holds no private key");
            }
            final KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            try {
                keys.init(store, keyPassword);
            } catch (final UnrecoverableKeyException e) {
                throw new IllegalArgumentException(KEY_PASSWORD + " does not open the key in " + KEYSTORE + " "
                        + keystore + " (wrong password)");
            }
            final SSLContext server = SSLContext.getInstance("TLS");
            server.init(keys.getKeyManagers(), null, null);
            // Instances forward queries to each other: they trust the certificate they serve themselves.
            final TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            final SSLContext client = SSLContext.getInstance("TLS");
            client.init(null, trust.getTrustManagers(), null);
            return new HttpTls(keystore, server, client);
        } catch (final GeneralSecurityException e) {
            throw new IllegalArgumentException(KEYSTORE + " " + keystore + " cannot be used for TLS: " + e.getMessage());
        }
    }

    /**
     * The JDK server's switch for {@code TCP_NODELAY} on the connections it accepts, off unless set. Off,
     * a response written as headers then body waits, on a kept-alive connection, for the client's delayed
     * acknowledgement of the headers: about 40 ms added to every request after a connection's first.
     * The JDK reads it once, when its server classes load.
     */
    static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";

    /**
     * Turns {@link #NO_DELAY_PROPERTY} on for every JDK server of this JVM, unless a value was given
     * ({@code -D}); call before the first server is created.
     */
    static void sendWithoutDelay() {
        System.getProperties().putIfAbsent(NO_DELAY_PROPERTY, "true");
    }

    /**
     * A JDK server on {@code address}: {@link HttpsServer} speaking only TLS 1.3/1.2 when {@code tls}
     * is not null, plain {@link HttpServer} otherwise, its responses sent without Nagle's delay
     * ({@link #sendWithoutDelay()}). Not started.
     */
    public static HttpServer createServer(final InetSocketAddress address, final HttpTls tls) throws IOException {
        sendWithoutDelay();
        if (tls == null) {
            return HttpServer.create(address, 0);
        }
        final HttpsServer server = HttpsServer.create(address, 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext) {
            @Override
            public void configure(final HttpsParameters params) {
                final SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
                parameters.setProtocols(PROTOCOLS.clone());
                params.setSSLParameters(parameters);
            }
        });
        return server;
    }

    /** {@code https} when {@code tls} is set, {@code http} otherwise. */
    public static String scheme(final HttpTls tls) {
        return tls == null ? "http" : "https";
    }

    /** For clients of a server with these settings (e.g. forwarding between instances): trusts its certificate. */
    public SSLContext clientContext() {
        return clientContext;
    }

    public Path keystore() {
        return keystore;
    }

    /** Names the keystore, never a password. */
    @Override
    public String toString() {
        return "HttpTls[" + KEYSTORE + "=" + keystore + ", protocols=TLSv1.3,TLSv1.2]";
    }

    private static boolean isKey(final KeyStore store, final String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (final GeneralSecurityException e) {
            return false;
        }
    }

    private static String text(final String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
