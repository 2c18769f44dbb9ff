package org.edupulse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.edupulse.topics.Topics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The floor measures what it says: every record of the raw topics crosses the hops and reaches the output, counted at each step. */
class FloorScenarioTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.edupulse.bench.FloorScenario#shapes")
    void shouldPassEveryRawRecordThroughEachHopAndCountItAtEveryStep(final FloorScenario.Shape shape) {
        // Given each topology the floor measures
        final int hops = shape.hops();
        final int copies = shape.copies();
        final Topology topology = FloorScenario.topology(shape);
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "floor-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");

        // Then it has one repartition topic per hop
        final List<String> sinks = new ArrayList<>();
        for (final TopologyDescription.Subtopology sub : topology.describe().subtopologies()) {
            sub.nodes().stream().filter(TopologyDescription.Sink.class::isInstance)
                    .map(n -> ((TopologyDescription.Sink) n).topic()).forEach(sinks::add);
        }
        assertThat(sinks).filteredOn(t -> t.startsWith("hop-")).hasSize(hops);

        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props)) {
            // When records of two raw topics come in
            final TestInputTopic<String, byte[]> staff = driver.createInputTopic(Topics.STAFF_EVENTS.name(),
                    new StringSerializer(), new ByteArraySerializer());
            final TestInputTopic<String, byte[]> devices = driver.createInputTopic(Topics.DEVICE_EVENTS.name(),
                    new StringSerializer(), new ByteArraySerializer());
            for (int i = 0; i < 10; i++) {
                (i % 2 == 0 ? staff : devices).pipeInput("S" + (i % 3), ("event-" + i).getBytes(StandardCharsets.UTF_8));
            }

            // Then every one reaches the output as it came, as many times as the first step passes it on, and each
            // step counted all it was given
            final TestOutputTopic<String, byte[]> out = driver.createOutputTopic(FloorScenario.OUTPUT,
                    new StringDeserializer(), new ByteArrayDeserializer());
            final List<String> values = out.readValuesToList().stream()
                    .map(v -> new String(v, StandardCharsets.UTF_8)).toList();
            assertThat(values).hasSize(10 * copies);
            for (int i = 0; i < 10; i++) {
                assertThat(values).as("copies of event-%d", i).filteredOn(("event-" + i)::equals).hasSize(copies);
            }
            for (int step = 0; step <= hops; step++) {
                final KeyValueStore<String, Long> counts = driver.getKeyValueStore("floor-counts-" + step);
                long total = 0;
                try (KeyValueIterator<String, Long> all = counts.all()) {
                    while (all.hasNext()) {
                        total += all.next().value;
                    }
                }
                assertThat(total).as("records counted at step %d", step).isEqualTo(step == 0 ? 10 : 10 * copies);
            }
        }
    }
}
