package org.edupulse.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.edupulse.serde.MockSchemaRegistry;
import org.edupulse.serde.SerdeConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TopologyDescriptionTest {

    private static final String SCOPE = "describe";
    private static final String EXPECTED = "/indicators-topology.txt";

    @AfterEach
    void tearDown() {
        MockSchemaRegistry.drop(SCOPE);
    }

    /**
     * A change to the deployed shape (a node, a store, a repartition topic) must be a reviewed
     * change: to accept one, run with {@code -Dtopology.update=true} and commit the new text.
     */
    @Test
    void shouldNotChangeTheTopologyUnintentionally() throws IOException {
        // Given
        final Map<String, Object> serdeConfig = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG,
                MockSchemaRegistry.SCHEME + SCOPE);

        // When
        final String actual = new IndicatorsTopology(IndicatorsConfig.defaults(), serdeConfig).build()
                .describe().toString();

        // Then
        if (Boolean.getBoolean("topology.update")) {
            Files.writeString(Path.of("src/test/resources" + EXPECTED), actual, StandardCharsets.UTF_8);
        }
        try (InputStream expected = getClass().getResourceAsStream(EXPECTED)) {
            assertThat(expected).as("checked-in " + EXPECTED).isNotNull();
            assertThat(actual).isEqualTo(new String(expected.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
