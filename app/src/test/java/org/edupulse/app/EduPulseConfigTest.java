package org.edupulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EduPulseConfigTest {

    @Test
    void shouldStartEmbeddedServicesOnTheirDefaultPortsWhenNothingIsConfigured() {
        // When
        final EduPulseConfig config = EduPulseConfig.load(null, Map.of(), Map.of());

        // Then
        assertThat(config.bootstrapServers()).isNull();
        assertThat(config.schemaRegistryUrl()).isNull();
        assertThat(config.kafkaPort()).isEqualTo(9092);
        assertThat(config.registryPort()).isEqualTo(8081);
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.applicationId()).isEqualTo("edupulse-indicators");
    }

    @Test
    void shouldPreferOptionsOverEnvironmentOverFile(@TempDir final Path dir) throws Exception {
        // Given
        final Path file = dir.resolve("edupulse.properties");
        Files.writeString(file, "bootstrap.servers=file:9092\nschema.registry.url=http://file:8081\nhttp.port=7000\n"
                + "application.id=from-file\n");
        final Map<String, String> env = Map.of(
                "EDUPULSE_SCHEMA_REGISTRY_URL", "http://env:8081",
                "EDUPULSE_HTTP_PORT", "7001",
                "PATH", "/usr/bin");

        // When
        final EduPulseConfig config = EduPulseConfig.load(file, env, Map.of(EduPulseConfig.HTTP_PORT, "7002"));

        // Then
        assertThat(config.bootstrapServers()).isEqualTo("file:9092");
        assertThat(config.schemaRegistryUrl()).isEqualTo("http://env:8081");
        assertThat(config.httpPort()).isEqualTo(7002);
        assertThat(config.applicationId()).isEqualTo("from-file");
    }

    @Test
    void shouldNameTheKeyAndValueThatIsWrong() {
        assertThatThrownBy(() -> EduPulseConfig.load(null, Map.of("EDUPULSE_HTTP_PORT", "eighty"), Map.of()))
                .hasMessageContaining("http.port").hasMessageContaining("eighty");
        assertThatThrownBy(() -> EduPulseConfig.load(null, Map.of(), Map.of(EduPulseConfig.KAFKA_PORT, "70000")))
                .hasMessageContaining("kafka.port").hasMessageContaining("70000");
        assertThatThrownBy(() -> EduPulseConfig.load(Path.of("/no/such/edupulse.properties"), Map.of(), Map.of()))
                .hasMessageContaining("/no/such/edupulse.properties");
    }

    @Test
    void shouldPassStreamThreadsAndCommitIntervalToStreamsOnlyWhenGiven(@TempDir final Path dir) throws Exception {
        // Given threads in the file and a commit interval in the environment
        final Path file = dir.resolve("edupulse.properties");
        Files.writeString(file, "num.stream.threads=2\n");

        // When
        final EduPulseConfig config = EduPulseConfig.load(file, Map.of("EDUPULSE_COMMIT_INTERVAL_MS", "50",
                "EDUPULSE_CATCH_UP_COMMIT_INTERVAL_MS", "2000", "EDUPULSE_STATESTORE_CACHE_MAX_BYTES", "4294967296"),
                Map.of());

        // Then
        assertThat(config.streamsOverrides()).containsExactlyInAnyOrderEntriesOf(Map.of(
                EduPulseConfig.NUM_STREAM_THREADS, 2, EduPulseConfig.COMMIT_INTERVAL_MS, 50,
                EduPulseConfig.CATCH_UP_COMMIT_INTERVAL_MS, 2000, EduPulseConfig.CACHE_MAX_BYTES, 4_294_967_296L));
        assertThat(EduPulseConfig.load(null, Map.of(), Map.of()).streamsOverrides()).isEmpty();
    }

    @Test
    void shouldRefuseAStreamsSettingThatIsNotAPositiveWholeNumber() {
        assertThatThrownBy(() -> EduPulseConfig.load(null, Map.of("EDUPULSE_NUM_STREAM_THREADS", "0"), Map.of()))
                .hasMessageContaining("num.stream.threads").hasMessageContaining("1 or more");
        assertThatThrownBy(() -> EduPulseConfig.load(null, Map.of("EDUPULSE_COMMIT_INTERVAL_MS", "fast"), Map.of()))
                .hasMessageContaining("commit.interval.ms").hasMessageContaining("fast");
        assertThatThrownBy(() -> EduPulseConfig.load(null, Map.of("EDUPULSE_STATESTORE_CACHE_MAX_BYTES", "-1"), Map.of()))
                .hasMessageContaining("statestore.cache.max.bytes").hasMessageContaining("0 or more");
        assertThatThrownBy(() -> EduPulseConfig.load(null, Map.of("EDUPULSE_STATESTORE_CACHE_MAX_BYTES", "256MB"), Map.of()))
                .hasMessageContaining("statestore.cache.max.bytes").hasMessageContaining("256MB");
    }

    @Test
    void shouldPassASessionTimeoutWithinWhatABrokerAcceptsAndRefuseOthersNamingTheSetting() {
        assertThat(EduPulseConfig.load(null, Map.of("EDUPULSE_SESSION_TIMEOUT_MS", "10000"), Map.of()).streamsOverrides())
                .containsExactlyEntriesOf(Map.of(EduPulseConfig.SESSION_TIMEOUT_MS, 10_000));
        assertThat(EduPulseConfig.load(null, Map.of("EDUPULSE_SESSION_TIMEOUT_MS", "6000"), Map.of()).streamsOverrides())
                .containsEntry(EduPulseConfig.SESSION_TIMEOUT_MS, 6_000);
        assertThatThrownBy(() -> EduPulseConfig.load(null, Map.of("EDUPULSE_SESSION_TIMEOUT_MS", "5999"), Map.of()))
                .hasMessageContaining("session.timeout.ms must be from 6000 to 1800000, was 5999")
                .hasMessageContaining("group.min.session.timeout.ms");
        assertThatThrownBy(() -> EduPulseConfig.load(null, Map.of("EDUPULSE_SESSION_TIMEOUT_MS", "1800001"), Map.of()))
                .hasMessageContaining("session.timeout.ms must be from 6000 to 1800000, was 1800001");
        assertThatThrownBy(() -> EduPulseConfig.load(null, Map.of("EDUPULSE_SESSION_TIMEOUT_MS", "10s"), Map.of()))
                .hasMessageContaining("session.timeout.ms").hasMessageContaining("10s");
    }

    @Test
    void shouldRefuseACatchUpCommitIntervalShorterThanTheLiveOneOrLongerThanATransactionMayStayOpen() {
        assertThatThrownBy(() -> EduPulseConfig.load(null, Map.of("EDUPULSE_CATCH_UP_COMMIT_INTERVAL_MS", "10"), Map.of()))
                .hasMessageContaining("catch.up.commit.interval.ms must be at least commit.interval.ms (20), was 10");
        assertThatThrownBy(() -> EduPulseConfig.load(null, Map.of("EDUPULSE_COMMIT_INTERVAL_MS", "300",
                "EDUPULSE_CATCH_UP_COMMIT_INTERVAL_MS", "200"), Map.of()))
                .hasMessageContaining("at least commit.interval.ms (300), was 200");
        assertThatThrownBy(() -> EduPulseConfig.load(null, Map.of("EDUPULSE_CATCH_UP_COMMIT_INTERVAL_MS", "5001"), Map.of()))
                .hasMessageContaining("catch.up.commit.interval.ms must be at most 5000, was 5001")
                .hasMessageContaining("transaction timeout");
        assertThat(EduPulseConfig.load(null, Map.of("EDUPULSE_CATCH_UP_COMMIT_INTERVAL_MS", "20"), Map.of())
                .streamsOverrides()).as("equal to the live interval: no pacing").containsEntry(
                EduPulseConfig.CATCH_UP_COMMIT_INTERVAL_MS, 20);
    }

    @Test
    void shouldPassTheRegistrysCredentialsToEveryClientWithoutEverPrintingThem(@TempDir final Path dir) throws Exception {
        // Given Confluent's keys in the file, and credentials in the registry URL given in the environment
        final Path file = dir.resolve("edupulse.properties");
        Files.writeString(file, "basic.auth.credentials.source=USER_INFO\nbasic.auth.user.info=edupulse:file-secret\n");

        // When
        final EduPulseConfig config = EduPulseConfig.load(file,
                Map.of("EDUPULSE_SCHEMA_REGISTRY_URL", "http://edupulse:url-secret@registry:8081"), Map.of());

        // Then the client settings carry them, and the printed configuration shows neither
        assertThat(config.clientOverrides()).containsEntry("basic.auth.credentials.source", "USER_INFO")
                .containsEntry("basic.auth.user.info", "edupulse:file-secret");
        assertThat(config.toString()).contains("http://registry:8081", "basic.auth.user.info=[hidden]")
                .doesNotContain("file-secret", "url-secret", "edupulse:");
    }

    @Test
    void shouldRefuseUnusableRegistryCredentialsNamingTheKey() {
        assertThatThrownBy(() -> EduPulseConfig.load(null, Map.of("EDUPULSE_BASIC_AUTH_CREDENTIALS_SOURCE", "TOKEN"),
                Map.of())).hasMessageContaining("basic.auth.credentials.source").hasMessageContaining("TOKEN");
        assertThatThrownBy(() -> EduPulseConfig.load(null, Map.of("EDUPULSE_BASIC_AUTH_CREDENTIALS_SOURCE", "USER_INFO"),
                Map.of())).hasMessageContaining("basic.auth.user.info");
    }

    @Test
    void shouldReadGatewaySettingsFromTheFileWithEnvironmentAndOptionsBeforeIt(@TempDir final Path dir) throws Exception {
        // Given gateway settings in the file, one of them also in the environment and one as an option
        final Path file = dir.resolve("edupulse.properties");
        Files.writeString(file, "gateway.max.batch.events=2\ngateway.publish.timeout.ms=1500\ngateway.port=8090\n");

        // When
        final EduPulseConfig config = EduPulseConfig.load(file, Map.of("EDUPULSE_GATEWAY_PUBLISH_TIMEOUT_MS", "2500"),
                Map.of("gateway.port", "8091"));

        // Then
        assertThat(config.gatewaySettings()).containsExactlyInAnyOrderEntriesOf(Map.of("gateway.max.batch.events", "2",
                "gateway.publish.timeout.ms", "2500", "gateway.port", "8091"));
        assertThat(EduPulseConfig.load(null, Map.of(), Map.of()).gatewaySettings()).isEmpty();
    }

    @Test
    void shouldOpenTheHttpsKeystoreWhenLoadingAndFailNamingTheSettingButNeverThePassword(@TempDir final Path dir)
            throws Exception {
        // Given a keystore path in the file that is no PKCS12 file, and its password in the environment
        final Path file = dir.resolve("edupulse.properties");
        final Path notAKeystore = Files.writeString(dir.resolve("not-a-keystore.p12"), "plain text");
        Files.writeString(file, "http.tls.keystore=" + notAKeystore.toString().replace('\\', '/') + "\n");
        final Map<String, String> env = Map.of("EDUPULSE_HTTP_TLS_KEYSTORE_PASSWORD", "env-tls-secret");

        // When / Then
        assertThatThrownBy(() -> EduPulseConfig.load(file, env, Map.of()))
                .hasMessageContaining("http.tls.keystore").hasMessageContaining("not-a-keystore.p12")
                .hasMessageNotContaining("env-tls-secret");
        assertThatThrownBy(() -> EduPulseConfig.load(file, Map.of(), Map.of()))
                .hasMessageContaining("http.tls.keystore.password");
        assertThat(EduPulseConfig.load(null, Map.of(), Map.of()).httpTls()).isNull();
    }
}
