package org.edupulse.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A PKCS12 keystore with a self-signed EC certificate for localhost and 127.0.0.1, made by the
 * JDK's keytool, for the tests of every TLS endpoint (HTTPS at the HTTP edge, SASL_SSL on the
 * embedded broker); shared through this module's test-jar.
 */
public final class SelfSignedKeystore {

    private static final String ALIAS = "edupulse";

    private SelfSignedKeystore() {
    }

    /** Creates {@code edupulse-http.p12} in {@code dir}, key and store under {@code password}. */
    public static Path create(final Path dir, final String password) throws IOException, InterruptedException {
        final Path keystore = dir.resolve("edupulse-http.p12");
        final Process keytool = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", password,
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2")
                .redirectErrorStream(true).start();
        final String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool did not create " + keystore + ": " + output);
        }
        return keystore;
    }

    /**
     * A PKCS12 truststore in {@code dir} holding only the certificate of {@code keystore} (no
     * private key), as a client is given it.
     */
    public static Path truststore(final Path keystore, final String password, final Path dir)
            throws IOException, GeneralSecurityException {
        final Certificate certificate = load(keystore, password).getCertificate(ALIAS);
        final KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry(ALIAS, certificate);
        final Path truststore = dir.resolve("edupulse-truststore.p12");
        try (OutputStream out = Files.newOutputStream(truststore)) {
            trust.store(out, password.toCharArray());
        }
        return truststore;
    }

    /** A client context that trusts the certificate in {@code keystore} and nothing else. */
    public static SSLContext trusting(final Path keystore, final String password)
            throws IOException, GeneralSecurityException {
        final TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(keystore, password));
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static KeyStore load(final Path keystore, final String password) throws IOException, GeneralSecurityException {
        final KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }
}
