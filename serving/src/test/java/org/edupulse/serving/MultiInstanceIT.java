package org.edupulse.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.edupulse.streams.IndicatorsTopology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Streams instances of one application, each with its own query server: whichever instance a
 * request reaches, every district answers 200, forwarded to the owner when the key lives elsewhere,
 * and the list merges both instances' shares.
 */
@ExtendWith(PipelineExtension.class)
class MultiInstanceIT {

    private static final String APPLICATION_ID = "serving-two-instances-it";

    @Test
    void shouldAnswerEveryDistrictFromEitherInstance(final Pipeline pipeline, @TempDir final Path stateDir)
            throws Exception {
        // Given two instances of the same application, each reachable at its own application.server
        try (QueryServer first = QueryServer.bind(pipeline.servingConfig());
             QueryServer second = QueryServer.bind(pipeline.servingConfig())) {
            final KafkaStreams one = pipeline.streams(APPLICATION_ID, Files.createDirectories(stateDir.resolve("one")),
                    overrides(first));
            final KafkaStreams two = pipeline.streams(APPLICATION_ID, Files.createDirectories(stateDir.resolve("two")),
                    overrides(second));
            try {
                first.attach(one);
                second.attach(two);
                one.start();
                two.start();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() ->
                        one.state() == KafkaStreams.State.RUNNING && two.state() == KafkaStreams.State.RUNNING
                                && one.streamsMetadataForStore(IndicatorsTopology.DISTRICT_STORE).size() == 2);
                pipeline.awaitSettled(first.url(), Duration.ofSeconds(60));

                // When every district is asked of each instance
                final List<String> districtIds = new ArrayList<>();
                Http.json(Http.get(second.url() + "/api/v1/districts")).forEach(d -> districtIds.add(d.get("unitId").asText()));
                final Set<String> servedByOtherForFirst = new HashSet<>();
                final Set<String> servedByOtherForSecond = new HashSet<>();
                for (final String id : districtIds) {
                    final HttpResponse<String> viaFirst = Http.get(first.url() + "/api/v1/districts/" + id);
                    final HttpResponse<String> viaSecond = Http.get(second.url() + "/api/v1/districts/" + id);

                    // Then both answer 200 with that district
                    assertThat(viaFirst.statusCode()).as("district %s via the first instance", id).isEqualTo(200);
                    assertThat(viaSecond.statusCode()).as("district %s via the second instance", id).isEqualTo(200);
                    assertThat(Http.json(viaFirst).get("unitId").asText()).isEqualTo(id);
                    assertThat(Http.json(viaSecond).get("unitId").asText()).isEqualTo(id);
                    if (second.applicationServer().equals(servedBy(viaFirst))) {
                        servedByOtherForFirst.add(id);
                    }
                    if (first.applicationServer().equals(servedBy(viaSecond))) {
                        servedByOtherForSecond.add(id);
                    }
                }
                // and the keys are really split, so forwarding was exercised in both directions
                final Set<String> ownedBySecond = new HashSet<>();
                for (final String id : districtIds) {
                    if (one.queryMetadataForKey(IndicatorsTopology.DISTRICT_STORE, id, Serdes.String().serializer())
                            .activeHost().port() == second.port()) {
                        ownedBySecond.add(id);
                    }
                }
                assertThat(districtIds).hasSize(Pipeline.DISTRICTS);
                assertThat(servedByOtherForFirst).isEqualTo(ownedBySecond).isNotEmpty();
                assertThat(servedByOtherForSecond).isNotEmpty().doesNotContainAnyElementsOf(ownedBySecond);
                final JsonNode mergedFromFirst = Http.json(Http.get(first.url() + "/api/v1/districts"));
                assertThat(mergedFromFirst).hasSize(Pipeline.DISTRICTS);
            } finally {
                one.close(Duration.ofSeconds(10));
                two.close(Duration.ofSeconds(10));
            }
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
