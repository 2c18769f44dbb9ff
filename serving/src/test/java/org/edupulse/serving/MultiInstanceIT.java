package org.edupulse.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.edupulse.streams.IndicatorsTopology;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two and three Streams instances of one application, each with its own query server: whichever
 * instance a request reaches, every district answers 200 (at {@code /api/v1/districts/{id}} and
 * {@code /api/v1/units/{id}}), forwarded to the owner when the key lives elsewhere, and the list
 * merges every instance's share.
 */
@ExtendWith(PipelineExtension.class)
class MultiInstanceIT {

    @ParameterizedTest(name = "{0} instances")
    @ValueSource(ints = {2, 3})
    void shouldAnswerEveryDistrictFromAnyInstance(final int instances, final Pipeline pipeline,
                                                  @TempDir final Path stateDir) throws Exception {
        // Given several instances of the same application, each reachable at its own application.server
        final String applicationId = "serving-" + instances + "-instances-it";
        final List<QueryServer> servers = new ArrayList<>();
        final List<KafkaStreams> apps = new ArrayList<>();
        try {
            for (int i = 0; i < instances; i++) {
                final QueryServer server = QueryServer.bind(pipeline.servingConfig());
                servers.add(server);
                final KafkaStreams streams = pipeline.streams(applicationId,
                        Files.createDirectories(stateDir.resolve("instance-" + i)), overrides(server));
                apps.add(streams);
                server.attach(streams);
            }
            apps.forEach(KafkaStreams::start);
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() ->
                    apps.stream().allMatch(a -> a.state() == KafkaStreams.State.RUNNING)
                            && apps.get(0).streamsMetadataForStore(IndicatorsTopology.DISTRICT_STORE).size() == instances);
            pipeline.awaitSettled(servers.get(0).url());

            // When every district is asked of each instance
            final List<String> districtIds = new ArrayList<>();
            Http.json(Http.get(servers.get(instances - 1).url() + "/api/v1/districts"))
                    .forEach(d -> districtIds.add(d.get("unitId").asText()));
            assertThat(districtIds).hasSize(Pipeline.DISTRICTS);
            final Map<String, Integer> ownerPort = new HashMap<>();
            for (final String id : districtIds) {
                ownerPort.put(id, apps.get(0).queryMetadataForKey(IndicatorsTopology.DISTRICT_STORE, id,
                        Serdes.String().serializer()).activeHost().port());
            }
            for (final QueryServer server : servers) {
                final Set<String> servedByAnother = new HashSet<>();
                for (final String id : districtIds) {
                    final HttpResponse<String> response = Http.get(server.url() + "/api/v1/districts/" + id);

                    // Then each answers 200 with that district
                    assertThat(response.statusCode()).as("district %s via %s", id, server.url()).isEqualTo(200);
                    assertThat(Http.json(response).get("unitId").asText()).isEqualTo(id);
                    if (!server.applicationServer().equals(servedBy(response))) {
                        servedByAnother.add(id);
                    }
                    // ... and so does /api/v1/units/{id}, from the same owner, past the school and commune
                    // stores (each asked of its own owner, which answers 404 there)
                    final HttpResponse<String> any = Http.get(server.url() + "/api/v1/units/" + id);
                    assertThat(any.statusCode()).as("unit %s via %s", id, server.url()).isEqualTo(200);
                    assertThat(Http.json(any).get("level").asText()).isEqualTo("DISTRICT");
                    assertThat(servedBy(any)).isEqualTo(servedBy(response));
                }
                final HttpResponse<String> unknown = Http.get(server.url() + "/api/v1/units/DB-NOWHERE");
                assertThat(unknown.statusCode()).as("unknown unit via %s", server.url()).isEqualTo(404);
                assertThat(Http.json(unknown).get("message").asText()).contains("DB-NOWHERE");
                // ... forwarding exactly the districts another instance owns
                final Set<String> ownedElsewhere = new HashSet<>();
                ownerPort.forEach((id, port) -> {
                    if (port != server.port()) {
                        ownedElsewhere.add(id);
                    }
                });
                assertThat(servedByAnother).as("forwarded by " + server.url()).isEqualTo(ownedElsewhere);
                assertThat(Http.json(Http.get(server.url() + "/api/v1/districts"))).hasSize(Pipeline.DISTRICTS);
            }
            // and the keys are really split, so forwarding was exercised
            assertThat(new HashSet<>(ownerPort.values())).hasSizeGreaterThan(1);
        } finally {
            apps.forEach(a -> a.close(Duration.ofSeconds(10)));
            servers.forEach(QueryServer::close);
        }
    }

    private static Map<String, Object> overrides(final QueryServer server) {
        return Map.of(
                StreamsConfig.APPLICATION_SERVER_CONFIG, server.applicationServer(),
                StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1,
                // both instances count as caught up, so the assignor splits the tasks at once
                // instead of warming up replicas for a later probing rebalance
                StreamsConfig.ACCEPTABLE_RECOVERY_LAG_CONFIG, Long.MAX_VALUE);
    }

    private static String servedBy(final HttpResponse<String> response) {
        return response.headers().firstValue(Exchanges.SERVED_BY).orElse("");
    }
}
