package org.edupulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.edupulse.topics.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What can be checked of the secure stack without Docker: it has no default passwords (compose and
 * each script refuse to start without them), every Kafka client of it speaks SASL_SSL with the
 * truststore, the registry requires Basic authentication, the HTTP edge serves HTTPS, the certificate
 * script makes CA-signed keystores with the JDK's keytool, and the auditor is denied the key topic.
 * That the containers then work together is only seen with Docker (README, "docker compose").
 */
class SecureProfileScriptsTest {

    private static final Path SECURE = Path.of("..", "deploy", "secure");
    private static final Path SECURE_COMPOSE = Path.of("..", "docker-compose.secure.yml");
    private static final Path PLAIN_COMPOSE = Path.of("..", "docker-compose.yml");
    private static final Set<String> SECRETS = Set.of("EDUPULSE_ADMIN_PASSWORD", "EDUPULSE_REGISTRY_PASSWORD",
            "EDUPULSE_GATEWAY_PASSWORD", "EDUPULSE_STREAMS_PASSWORD", "EDUPULSE_DASHBOARD_PASSWORD",
            "EDUPULSE_AUDITOR_PASSWORD", "EDUPULSE_REGISTRY_HTTP_PASSWORD", "EDUPULSE_KAFKA_KEYSTORE_PASSWORD",
            "EDUPULSE_HTTP_KEYSTORE_PASSWORD", "EDUPULSE_TRUSTSTORE_PASSWORD");
    /** A compose variable reference ({@code $$} is an escaped dollar, passed to the container's shell). */
    private static final Pattern VARIABLE = Pattern.compile("(?<!\\$)\\$\\{([^}]*)}");
    private static final Pattern REQUIRED = Pattern.compile("([A-Z][A-Z0-9_]*):\\?[^}]+");

    @TempDir
    Path work;

    private static Result run(final String script, final Map<String, String> environment) throws Exception {
        final ProcessBuilder builder = new ProcessBuilder("bash", SECURE.resolve(script).toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.PIPE);
        builder.environment().keySet().removeIf(name -> name.endsWith("_PASSWORD"));
        builder.environment().putAll(environment);
        final Process process = builder.start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    @Test
    void shouldRequireEverySecretOfTheSecureStackAndNoneOfThePlainStack() throws Exception {
        // Given the compose files
        final String secure = Files.readString(SECURE_COMPOSE);

        // When reading every variable they interpolate
        final List<String> references = VARIABLE.matcher(secure).results().map(m -> m.group(1)).toList();
        final Set<String> required = new TreeSet<>();
        for (final String reference : references) {
            final Matcher requiredForm = REQUIRED.matcher(reference);
            assertThat(requiredForm.matches()).as("${%s} must be a required ${VAR:?message}", reference).isTrue();
            required.add(requiredForm.group(1));
        }

        // Then each secret is required (compose refuses to start without it), there is nothing else to
        // interpolate, and no password is written out in the file
        assertThat(required).containsExactlyInAnyOrderElementsOf(SECRETS);
        assertThat(secure).doesNotContainPattern("(?i)password=\"[^$]").doesNotContainPattern("(?i)_PASSWORD: [^$]");
        // ... and the plaintext stack interpolates none: compose would otherwise require them for it too
        assertThat(VARIABLE.matcher(Files.readString(PLAIN_COMPOSE)).results()).isEmpty();
    }

    @Test
    void shouldSpeakSaslSslWithTheTruststoreBasicAuthAndHttpsEverywhereInTheSecureStack() throws Exception {
        final String secure = Files.readString(SECURE_COMPOSE);
        final String broker = Files.readString(SECURE.resolve("broker.properties"));
        final String controller = Files.readString(SECURE.resolve("controller.properties"));

        // no listener and no client without TLS
        for (final String text : List.of(secure, broker, controller, Files.readString(SECURE.resolve("kafka-start.sh")),
                Files.readString(SECURE.resolve("setup.sh")))) {
            assertThat(text).doesNotContain("SASL_PLAINTEXT").doesNotContainPattern("(?<!_)PLAINTEXT");
        }
        assertThat(broker).contains("listener.security.protocol.map=CONTROLLER:SASL_SSL,BROKER:SASL_SSL,CLIENT:SASL_SSL");
        assertThat(controller).contains("listener.security.protocol.map=CONTROLLER:SASL_SSL");
        // EduPulse's clients: SASL_SSL with the truststore, the registry's credentials, HTTPS at the edge
        assertThat(secure).contains("EDUPULSE_SECURITY_PROTOCOL: SASL_SSL",
                "EDUPULSE_SSL_TRUSTSTORE_LOCATION: /certs/truststore.p12",
                "EDUPULSE_SSL_TRUSTSTORE_PASSWORD: ${EDUPULSE_TRUSTSTORE_PASSWORD:?",
                "EDUPULSE_BASIC_AUTH_CREDENTIALS_SOURCE: USER_INFO",
                "EDUPULSE_BASIC_AUTH_USER_INFO: edupulse:${EDUPULSE_REGISTRY_HTTP_PASSWORD:?",
                "EDUPULSE_HTTP_TLS_KEYSTORE: /certs/http.p12",
                "EDUPULSE_HTTP_TLS_KEYSTORE_PASSWORD: ${EDUPULSE_HTTP_KEYSTORE_PASSWORD:?",
                "https://localhost:8080/health/ready");
        // the registry: its store over SASL_SSL, its API behind Basic authentication
        assertThat(secure).contains("SCHEMA_REGISTRY_KAFKASTORE_SECURITY_PROTOCOL: SASL_SSL",
                "SCHEMA_REGISTRY_KAFKASTORE_SSL_TRUSTSTORE_LOCATION: /certs/truststore.p12",
                "SCHEMA_REGISTRY_AUTHENTICATION_METHOD: BASIC", "SCHEMA_REGISTRY_AUTHENTICATION_REALM: SchemaRegistry",
                "SCHEMA_REGISTRY_AUTHENTICATION_ROLES: user", "/deploy/secure/registry-start.sh");
        // no certificate or key is committed
        try (Stream<Path> files = Files.walk(SECURE)) {
            assertThat(files.map(Path::toString)).noneMatch(name -> name.matches(".*\\.(p12|jks|pem|crt|key)$"));
        }
    }

    @Test
    void shouldDenyTheAuditorTheApiKeyTopic() throws Exception {
        final String setup = Files.readString(SECURE.resolve("setup.sh"));

        assertThat(setup).contains("KEYS=\"" + Topics.API_KEYS.name() + "\"")
                .contains("acl --deny-principal User:auditor --operation Read --topic ${KEYS}");
    }

    @Test
    void shouldMakeKeystoresSignedByOneCaWithKeytool() throws Exception {
        // Given the JDK's keytool and the three store passwords
        final Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        assertThat(keytool).exists();
        final Path certs = work.resolve("certs");
        final Map<String, String> env = new HashMap<>(Map.of("CERTS_DIR", certs.toString(),
                "KEYTOOL", keytool.toString(), "KAFKA_KEYSTORE_PASSWORD", "kafka-store-1",
                "HTTP_KEYSTORE_PASSWORD", "http-store-1", "TRUSTSTORE_PASSWORD", "trust-store-1"));

        // When certs.sh runs, and runs again
        final Result made = run("certs.sh", env);
        final byte[] firstTruststore = Files.readAllBytes(certs.resolve("truststore.p12"));
        final Result again = run("certs.sh", env);

        // Then the truststore holds only the CA's certificate
        assertThat(made.exit()).as(made.output()).isZero();
        final KeyStore trust = load(certs.resolve("truststore.p12"), "trust-store-1");
        final List<String> trusted = Collections.list(trust.aliases());
        assertThat(trusted).hasSize(1);
        assertThat(trust.isCertificateEntry(trusted.get(0))).isTrue();
        final X509Certificate ca = (X509Certificate) trust.getCertificate(trusted.get(0));
        // ... each Kafka node's and the HTTP edge's keystore holds a key whose certificate the CA signed
        // for the names clients use
        final Map<String, List<String>> names = Map.of(
                "kafka-100.p12", List.of("secure-controller", "localhost"),
                "kafka-1.p12", List.of("secure-kafka-1", "localhost"),
                "kafka-2.p12", List.of("secure-kafka-2", "localhost"),
                "kafka-3.p12", List.of("secure-kafka-3", "localhost"),
                "http.p12", List.of("secure-gateway", "secure-pipeline-1", "secure-pipeline-2", "localhost", "127.0.0.1"));
        for (final Map.Entry<String, List<String>> store : names.entrySet()) {
            final String password = store.getKey().startsWith("kafka") ? "kafka-store-1" : "http-store-1";
            final KeyStore keys = load(certs.resolve(store.getKey()), password);
            assertThat(keys.isKeyEntry("server")).as(store.getKey()).isTrue();
            final Certificate[] chain = keys.getCertificateChain("server");
            final X509Certificate leaf = (X509Certificate) chain[0];
            leaf.verify(ca.getPublicKey());
            assertThat(leaf.getSubjectAlternativeNames().stream().map(name -> name.get(1).toString()))
                    .as(store.getKey()).containsExactlyInAnyOrderElementsOf(store.getValue());
        }
        // ... no CA key is left behind, and a second run changes nothing
        try (Stream<Path> files = Files.list(certs)) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactlyInAnyOrder(
                    "ca.pem", "truststore.p12", "http.p12", "kafka-100.p12", "kafka-1.p12", "kafka-2.p12", "kafka-3.p12");
        }
        assertThat(again.exit()).as(again.output()).isZero();
        assertThat(Files.readAllBytes(certs.resolve("truststore.p12"))).isEqualTo(firstTruststore);
    }

    @Test
    void shouldRefuseToMakeCertificatesWithoutTheStorePasswords() throws Exception {
        final Result none = run("certs.sh", Map.of("CERTS_DIR", work.toString()));
        final Result shortOne = run("certs.sh", Map.of("CERTS_DIR", work.toString(), "KAFKA_KEYSTORE_PASSWORD", "12345",
                "HTTP_KEYSTORE_PASSWORD", "http-store-1", "TRUSTSTORE_PASSWORD", "trust-store-1"));

        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.output()).contains("EDUPULSE_KAFKA_KEYSTORE_PASSWORD");
        assertThat(shortOne.exit()).isEqualTo(1);
        assertThat(shortOne.output()).contains("KAFKA_KEYSTORE_PASSWORD", "6 characters");
        try (Stream<Path> files = Files.list(work)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void shouldPutTheRegistryBehindAPropertyFileRealmOnlyWithAPassword() throws Exception {
        final Path auth = work.resolve("auth");
        final Result none = run("registry-start.sh", Map.of("SCHEMA_REGISTRY_AUTHENTICATION_REALM", "SchemaRegistry",
                "REGISTRY_AUTH_DIR", auth.toString(), "REGISTRY_AUTH_DRY_RUN", "1"));
        final Result given = run("registry-start.sh", Map.of("SCHEMA_REGISTRY_AUTHENTICATION_REALM", "SchemaRegistry",
                "REGISTRY_AUTH_DIR", auth.toString(), "REGISTRY_AUTH_DRY_RUN", "1", "REGISTRY_HTTP_PASSWORD", "reg-http-1"));

        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.output()).contains("EDUPULSE_REGISTRY_HTTP_PASSWORD");
        assertThat(given.exit()).as(given.output()).isZero();
        assertThat(Files.readString(auth.resolve("jaas.conf"))).contains("SchemaRegistry {",
                "org.eclipse.jetty.jaas.spi.PropertyFileLoginModule required",
                "file=\"" + auth.resolve("users.properties") + "\"");
        assertThat(Files.readString(auth.resolve("users.properties"))).isEqualTo("edupulse: reg-http-1,user\n");
    }

    private static KeyStore load(final Path file, final String password) throws IOException, GeneralSecurityException {
        final KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    @Test
    void shouldRefuseToCreateUsersWithoutPasswordsOrWithTheOldExamples() throws Exception {
        assertThat(new File(SECURE.resolve("setup.sh").toString())).exists();
        final Result none = run("setup.sh", Map.of());
        final Result example = run("setup.sh", Map.of("ADMIN_PASSWORD", "x1", "REGISTRY_PASSWORD", "x2",
                "GATEWAY_PASSWORD", "gateway-secret", "STREAMS_PASSWORD", "x4", "DASHBOARD_PASSWORD", "x5",
                "AUDITOR_PASSWORD", "x6"));

        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.output()).contains("ADMIN_PASSWORD", "EDUPULSE_ADMIN_PASSWORD");
        assertThat(example.exit()).isEqualTo(1);
        assertThat(example.output()).contains("GATEWAY_PASSWORD", "gateway-secret");
    }

    @Test
    void shouldRefuseToStartASecureNodeWithoutTheAdminPasswordOrTheStorePasswords() throws Exception {
        final Result node = run("kafka-start.sh", Map.of("NODE_ROLE", "controller", "NODE_ID", "100"));
        final Result noKeystore = run("kafka-start.sh", Map.of("NODE_ROLE", "controller", "NODE_ID", "100",
                "ADMIN_PASSWORD", "admin-1"));
        final Result noTruststore = run("kafka-start.sh", Map.of("NODE_ROLE", "controller", "NODE_ID", "100",
                "ADMIN_PASSWORD", "admin-1", "KAFKA_KEYSTORE_PASSWORD", "kafka-store-1"));

        assertThat(node.exit()).isEqualTo(1);
        assertThat(node.output()).contains("EDUPULSE_ADMIN_PASSWORD");
        assertThat(noKeystore.exit()).isEqualTo(1);
        assertThat(noKeystore.output()).contains("EDUPULSE_KAFKA_KEYSTORE_PASSWORD");
        assertThat(noTruststore.exit()).isEqualTo(1);
        assertThat(noTruststore.output()).contains("EDUPULSE_TRUSTSTORE_PASSWORD");
    }

    private record Result(int exit, String output) {
    }
}
