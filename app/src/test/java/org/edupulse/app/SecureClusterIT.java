package org.edupulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.edupulse.gateway.GatewayConfig;
import org.edupulse.gateway.GatewayServer;
import org.edupulse.platform.EmbeddedKafka;
import org.edupulse.platform.SelfSignedKeystore;
import org.edupulse.producers.EventPublisher;
import org.edupulse.serving.ServingConfig;
import org.edupulse.simulate.HistoryGenerator;
import org.edupulse.simulate.Profile;
import org.edupulse.schemas.School;
import org.edupulse.topics.Topic;
import org.edupulse.topics.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The secure deployment's principals and ACLs on a real broker that requires SASL over TLS
 * (SASL_SSL, with a self-signed certificate made for the test) and authorizes every request (PLAIN
 * here; the compose {@code secure} profile uses SCRAM, which differs only in the broker's user
 * store). Each component runs as its principal with exactly the ACLs that
 * {@code deploy/secure/setup.sh} grants it, configured from a properties file that names the
 * truststore: the pipeline with its query API, history readers and embedded registry store as
 * {@code streams}, the gateway as {@code gateway}, {@code replay} and {@code lineage} as
 * {@code auditor}; the admin
 * provisions topics, loads reference data and creates keys. A client without credentials, one
 * that does not trust the broker's certificate and one speaking SASL without TLS are refused, a
 * principal is refused what it was not granted, and the query server's readers, started before
 * they may read, wait for the grant.
 */
class SecureClusterIT {

    private static final String APPLICATION_ID = "edupulse-indicators";
    private static final String TLS_PASSWORD = "broker-tls-test";
    private static final List<String> PRINCIPALS = List.of("admin", "streams", "gateway", "auditor");
    /** What the pipeline writes (and its query server reads back). */
    private static final List<String> OUTPUTS = Stream.of(Topics.SCHOOL_INDICATORS, Topics.COMMUNE_INDICATORS,
            Topics.DISTRICT_INDICATORS, Topics.PROVINCE_INDICATORS, Topics.INDICATOR_PERIODS,
            Topics.INDICATOR_HISTORY, Topics.DEAD_LETTER, Topics.LATE_EVENTS, Topics.DATA_QUALITY,
            Topics.ENTITY_HOLDERS).map(Topic::name).toList();

    @TempDir
    Path work;

    @Test
    void shouldRunEachComponentAsItsPrincipalWithTheSecureProfilesAcls() throws Exception {
        // Given a broker that requires SASL/PLAIN over TLS and authorizes with ACLs (admin is a super user)
        final Path keystore = SelfSignedKeystore.create(work, TLS_PASSWORD);
        final Path truststore = SelfSignedKeystore.truststore(keystore, TLS_PASSWORD, work);
        final StringBuilder users = new StringBuilder();
        PRINCIPALS.forEach(p -> users.append(" user_").append(p).append("=\"").append(p).append("-secret\""));
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, null, Map.ofEntries(
                // the listener keeps its default name PLAINTEXT, but speaks SASL_SSL; the controller
                // listener stays PLAINTEXT inside this one process
                Map.entry("listener.security.protocol.map", "PLAINTEXT:SASL_SSL,CONTROLLER:PLAINTEXT"),
                Map.entry("ssl.keystore.type", "PKCS12"),
                Map.entry("ssl.keystore.location", keystore.toString()),
                Map.entry("ssl.keystore.password", TLS_PASSWORD),
                // the broker is its own inter-broker client (transaction markers, ...)
                Map.entry("ssl.truststore.type", "PKCS12"),
                Map.entry("ssl.truststore.location", truststore.toString()),
                Map.entry("ssl.truststore.password", TLS_PASSWORD),
                Map.entry("sasl.enabled.mechanisms", "PLAIN"),
                Map.entry("sasl.mechanism.inter.broker.protocol", "PLAIN"),
                Map.entry("listener.name.plaintext.plain.sasl.jaas.config", jaas("admin").replace(";", users + ";")),
                Map.entry("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer"),
                Map.entry("super.users", "User:admin;User:ANONYMOUS")))) {
            final Map<String, Path> files = new HashMap<>();
            for (final String principal : PRINCIPALS) {
                files.put(principal, Files.writeString(work.resolve(principal + ".properties"), String.join("\n",
                        "bootstrap.servers=" + kafka.bootstrapServers(),
                        "registry.port=0",
                        "application.id=" + APPLICATION_ID,
                        "security.protocol=SASL_SSL",
                        "ssl.truststore.type=PKCS12",
                        "ssl.truststore.location=" + truststore,
                        "ssl.truststore.password=" + TLS_PASSWORD,
                        "sasl.mechanism=PLAIN",
                        "sasl.jaas.config=" + jaas(principal), "")));
            }
            final EduPulseConfig admin = EduPulseConfig.load(files.get("admin"), Map.of(), Map.of());
            final EduPulseConfig streams = EduPulseConfig.load(files.get("streams"), Map.of(), Map.of());
            final EduPulseConfig gateway = EduPulseConfig.load(files.get("gateway"), Map.of(), Map.of());

            // ... which refuses a client without credentials or TLS, one with the admin's credentials
            // that does not trust its certificate, and one sending those credentials without TLS
            try (Admin anonymous = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                assertThatThrownBy(() -> anonymous.describeCluster(new DescribeClusterOptions().timeoutMs(3_000))
                        .clusterId().get()).isInstanceOf(ExecutionException.class);
            }
            final Map<String, Object> untrusting = new HashMap<>(admin.clientOverrides());
            untrusting.keySet().removeIf(key -> key.startsWith("ssl.truststore."));
            untrusting.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            try (Admin withoutTruststore = Admin.create(untrusting)) {
                assertThatThrownBy(() -> withoutTruststore.describeCluster(new DescribeClusterOptions().timeoutMs(10_000))
                        .clusterId().get()).isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(SslAuthenticationException.class);
            }
            final Map<String, Object> withoutTls = new HashMap<>(admin.clientOverrides());
            withoutTls.put(AdminClientConfig.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
            withoutTls.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            try (Admin saslWithoutTls = Admin.create(withoutTls)) {
                assertThatThrownBy(() -> saslWithoutTls.describeCluster(new DescribeClusterOptions().timeoutMs(3_000))
                        .clusterId().get()).isInstanceOf(ExecutionException.class);
            }

            // When the admin provisions the topics (with the embedded registry) and grants the ACLs
            try (Platform platform = Platform.start(admin)) {
                // (all but the pipeline's read-back of its outputs, granted once it runs: its readers must wait for it)
                final List<AclBinding> grants = secureProfileAcls();
                final List<AclBinding> readBack = grants.stream().filter(SecureClusterIT::isReadBackOfOutputs).toList();
                grant(admin, kafka.bootstrapServers(), grants.stream().filter(g -> !readBack.contains(g)).toList());
                final String registry = platform.schemaRegistryUrl();

                // ... the pipeline runs as streams and the gateway as gateway, and the admin loads the history
                try (Pipeline pipeline = Pipeline.start(kafka.bootstrapServers(), registry, streams,
                        ServingConfig.defaults(kafka.bootstrapServers(), registry).withPort(0),
                        Files.createDirectory(work.resolve("state")), false);
                     GatewayServer gatewayServer = GatewayServer.start(GatewayConfig.of(kafka.bootstrapServers(), registry)
                             .withPort(0).withClientSettings(gateway.clientOverrides()));
                     EventPublisher publisher = new EventPublisher(admin.publisherConfig(kafka.bootstrapServers(), registry))) {
                    final SimulationRunner.History history = new SimulationRunner(publisher, Profile.SMALL, 11L)
                            .publishHistory();
                    grant(admin, kafka.bootstrapServers(), readBack);
                    final String school = history.firstSchoolPerDistrict().get(0);
                    final String district = history.districtIds().stream().sorted().findFirst().orElseThrow();

                    // Then the query API serves the district from the stores and its history from the topic
                    final HttpClient http = HttpClient.newHttpClient();
                    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                        assertThat(get(http, pipeline.url() + "/api/v1/districts/" + district).statusCode())
                                .isEqualTo(200);
                        assertThat(get(http, pipeline.url() + "/api/v1/districts/" + district
                                + "/history?indicator=staff.active&from=2000-01-01").statusCode()).isEqualTo(200);
                    });

                    // ... a key the admin creates lets a school post through the gateway
                    final Run created = cli("keys", "create", "--school", school, "--config", files.get("admin").toString(),
                            "--schema-registry-url", registry);
                    assertThat(created.exit()).as(created.err()).isZero();
                    final String key = created.out().trim();
                    final String event = "{\"schoolId\":\"" + school + "\",\"sessionId\":\"secure-1\","
                            + "\"topic\":\"BASIC_IT\",\"audience\":\"STAFF\",\"participantCount\":3,\"hours\":2,"
                            + "\"occurredAt\":\"" + Instant.now().minusSeconds(3_600) + "\"}";
                    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                            assertThat(http.send(HttpRequest.newBuilder(URI.create(gatewayServer.url()
                                            + "/api/v1/events/training"))
                                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(event)).build(),
                                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(202));

                    // ... the pipeline without its gateway (as compose runs it) serves no lineage over HTTP: it has
                    // no key cache to check a department key with, and streams may not read the key topic
                    assertThat(get(http, pipeline.url() + "/api/v1/lineage?unit=" + district
                            + "&indicator=staff.active&asOf=" + Instant.now()).statusCode()).isEqualTo(404);

                    // ... `lineage` traces a figure from the retained log as auditor
                    final Run lineage = cli("lineage", "--unit", district, "--indicator", "staff.active", "--as-of",
                            Instant.now().toString(), "--config", files.get("auditor").toString(),
                            "--schema-registry-url", registry);
                    assertThat(lineage.exit()).as(lineage.out() + lineage.err()).isZero();

                    // ... `replay` reads the retained log as auditor
                    final Run replay = cli("replay", "--as-of", Instant.now().toString(), "--axis", "known-at",
                            "--out", work.resolve("replay").toString(), "--config", files.get("auditor").toString(),
                            "--schema-registry-url", registry);
                    final Matcher replayed = Pattern.compile("Replayed (\\d+) events").matcher(replay.out());
                    assertThat(replayed.find()).as(replay.out() + replay.err()).isTrue();
                    assertThat(Long.parseLong(replayed.group(1))).isPositive();

                    // ... the auditor may not read the gateway's key hashes
                    final Map<String, Object> asAuditor = new HashMap<>(EduPulseConfig.load(files.get("auditor"), Map.of(),
                            Map.of()).clientOverrides());
                    asAuditor.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
                    try (KafkaConsumer<byte[], byte[]> keysReader = new KafkaConsumer<>(asAuditor,
                            new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                        keysReader.assign(List.of(new TopicPartition(Topics.API_KEYS.name(), 0)));
                        keysReader.seekToBeginning(keysReader.assignment());
                        assertThatThrownBy(() -> keysReader.poll(Duration.ofSeconds(10)))
                                .isInstanceOf(TopicAuthorizationException.class);
                    }

                    // ... and the gateway's principal may not write reference data it was not granted
                    try (EventPublisher asGateway = new EventPublisher(
                            gateway.publisherConfig(kafka.bootstrapServers(), registry))) {
                        final School reference = new HistoryGenerator().events(Profile.SMALL, 11L).stream()
                                .map(e -> e.value()).filter(School.class::isInstance).map(School.class::cast)
                                .findFirst().orElseThrow();
                        assertThat(asGateway.publish(reference)).failsWithin(Duration.ofSeconds(30))
                                .withThrowableOfType(ExecutionException.class)
                                .withCauseInstanceOf(TopicAuthorizationException.class);
                    }
                }
            }
        }
    }

    /** Creates the ACLs and waits until the broker's authorizer answers with them (they propagate asynchronously). */
    private static void grant(final EduPulseConfig admin, final String bootstrap, final List<AclBinding> bindings)
            throws Exception {
        try (Admin acls = Platform.admin(admin, bootstrap)) {
            acls.createAcls(bindings).all().get();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                    acls.describeAcls(AclBindingFilter.ANY).values().get().containsAll(bindings));
        }
    }

    private static boolean isReadBackOfOutputs(final AclBinding binding) {
        return binding.entry().principal().equals("User:streams")
                && binding.entry().operation() == AclOperation.READ
                && binding.pattern().resourceType() == ResourceType.TOPIC
                && binding.pattern().patternType() == PatternType.LITERAL
                && OUTPUTS.contains(binding.pattern().name());
    }

    private static String jaas(final String principal) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + principal
                + "\" password=\"" + principal + "-secret\";";
    }

    /** The grants of {@code deploy/secure/setup.sh} for the principals EduPulse's own processes run as. */
    private static List<AclBinding> secureProfileAcls() {
        final List<String> raw = Topics.RAW_EVENTS.stream().map(Topic::name).toList();
        final List<AclBinding> acls = new ArrayList<>();
        // gateway: write raw events; read the API keys and who holds each person and device
        // (no group: it assigns partitions itself)
        topics(acls, "gateway", raw, AclOperation.WRITE, AclOperation.DESCRIBE);
        topics(acls, "gateway", List.of(Topics.API_KEYS.name(), Topics.ENTITY_HOLDERS.name()), AclOperation.READ,
                AclOperation.DESCRIBE);
        // streams: read inputs, write and read back outputs, own the application's internal resources
        topics(acls, "streams", Stream.concat(raw.stream(), Stream.of(Topics.SCHOOLS.name())).toList(),
                AclOperation.READ, AclOperation.DESCRIBE);
        topics(acls, "streams", OUTPUTS, AclOperation.WRITE, AclOperation.READ, AclOperation.DESCRIBE);
        for (final ResourceType type : List.of(ResourceType.TOPIC, ResourceType.GROUP, ResourceType.TRANSACTIONAL_ID)) {
            acls.add(allow("streams", new ResourcePattern(type, APPLICATION_ID, PatternType.PREFIXED), AclOperation.ALL));
        }
        acls.add(allow("streams", new ResourcePattern(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL),
                AclOperation.IDEMPOTENT_WRITE));
        // auditor: read every edupulse topic but the API keys (a deny wins over the prefixed allow), nothing else
        for (final AclOperation operation : List.of(AclOperation.READ, AclOperation.DESCRIBE)) {
            acls.add(allow("auditor", new ResourcePattern(ResourceType.TOPIC, "edupulse.", PatternType.PREFIXED), operation));
        }
        acls.add(new AclBinding(new ResourcePattern(ResourceType.TOPIC, Topics.API_KEYS.name(), PatternType.LITERAL),
                new AccessControlEntry("User:auditor", "*", AclOperation.READ, AclPermissionType.DENY)));
        acls.add(allow("auditor", new ResourcePattern(ResourceType.GROUP, "edupulse-audit", PatternType.PREFIXED),
                AclOperation.READ));
        return acls;
    }

    private static void topics(final List<AclBinding> acls, final String principal, final List<String> topics,
                               final AclOperation... operations) {
        for (final String topic : topics) {
            for (final AclOperation operation : operations) {
                acls.add(allow(principal, new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL), operation));
            }
        }
    }

    private static AclBinding allow(final String principal, final ResourcePattern resource, final AclOperation operation) {
        return new AclBinding(resource, new AccessControlEntry("User:" + principal, "*", operation, AclPermissionType.ALLOW));
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run cli(final String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine cli = EduPulse.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        final int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static HttpResponse<String> get(final HttpClient http, final String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
