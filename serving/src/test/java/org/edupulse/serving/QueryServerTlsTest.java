package org.edupulse.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.edupulse.platform.SelfSignedKeystore;
import org.edupulse.serde.HttpTls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The query server with {@code http.tls.*}: HTTPS only on its one port, with a self-signed keystore
 * made by keytool. No broker: the catalog and health routes answer without one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryServerTlsTest {

    private static final String PASSWORD = "test-keystore-pass";

    private Path dir;
    private Path keystore;
    private QueryServer server;

    @BeforeAll
    void startHttpsServer(@TempDir final Path tempDir) throws Exception {
        dir = tempDir;
        keystore = SelfSignedKeystore.create(dir, PASSWORD);
        final HttpTls tls = HttpTls.from(Map.of(HttpTls.KEYSTORE, keystore.toString(), HttpTls.KEYSTORE_PASSWORD,
                PASSWORD));
        server = QueryServer.bind(ServingConfig.defaults("127.0.0.1:1", "http://127.0.0.1:1").withPort(0).withTls(tls));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static HttpRequest get(final String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build();
    }

    @Test
    void shouldAnswerTheQueryApiOverHttpsToAClientThatTrustsTheCertificate() throws Exception {
        // Given
        final HttpClient client = HttpClient.newBuilder()
                .sslContext(SelfSignedKeystore.trusting(keystore, PASSWORD)).build();

        // When
        final HttpResponse<String> catalog = client.send(get(server.url() + "/api/v1/indicators"),
                HttpResponse.BodyHandlers.ofString());

        // Then
        assertThat(server.url()).isEqualTo("https://127.0.0.1:" + server.port());
        assertThat(catalog.statusCode()).isEqualTo(200);
        assertThat(catalog.body()).contains("indicators");
    }

    @Test
    void shouldRefuseAClientThatDoesNotTrustTheCertificate() {
        // Given the JDK's default trust store, which does not hold the self-signed certificate
        final HttpClient client = HttpClient.newHttpClient();

        // When / Then
        assertThatThrownBy(() -> client.send(get(server.url() + "/api/v1/indicators"),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void shouldGiveNoApiAnswerToPlainHttpOnTheSamePort() {
        // Given
        final HttpClient client = HttpClient.newHttpClient();

        // When / Then
        assertThatThrownBy(() -> client.send(get("http://127.0.0.1:" + server.port() + "/api/v1/indicators"),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    }

    @Test
    void shouldFailOnAWrongKeystorePasswordNamingTheSettingButNotThePassword() {
        // Given
        final String wrong = "not-the-keystore-pass";

        // When / Then
        assertThatThrownBy(() -> HttpTls.from(Map.of(HttpTls.KEYSTORE, keystore.toString(),
                HttpTls.KEYSTORE_PASSWORD, wrong)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http.tls.keystore.password")
                .hasMessageContaining(keystore.toString())
                .hasMessageNotContaining(wrong)
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void shouldFailOnAMissingKeystoreOrPasswordNamingTheSetting() {
        assertThatThrownBy(() -> HttpTls.from(Map.of(HttpTls.KEYSTORE, dir.resolve("absent.p12").toString(),
                HttpTls.KEYSTORE_PASSWORD, PASSWORD)))
                .hasMessageContaining("http.tls.keystore").hasMessageContaining("absent.p12")
                .hasMessageNotContaining(PASSWORD);
        assertThatThrownBy(() -> HttpTls.from(Map.of(HttpTls.KEYSTORE, keystore.toString())))
                .hasMessageContaining("http.tls.keystore.password");
        assertThatThrownBy(() -> HttpTls.from(Map.of(HttpTls.KEYSTORE_PASSWORD, PASSWORD)))
                .hasMessageContaining("http.tls.keystore").hasMessageNotContaining(PASSWORD);
        assertThat(HttpTls.from(Map.of())).isNull();
    }

    @Test
    void shouldFailOnAWrongKeyPasswordNamingThatSetting() {
        assertThatThrownBy(() -> HttpTls.from(Map.of(HttpTls.KEYSTORE, keystore.toString(),
                HttpTls.KEYSTORE_PASSWORD, PASSWORD, HttpTls.KEY_PASSWORD, "wrong-key-pass")))
                .hasMessageContaining("http.tls.key.password").hasMessageNotContaining("wrong-key-pass");
    }
}
