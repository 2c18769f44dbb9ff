package org.edupulse.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventsBodyTest {

    private static List<JsonNode> parse(final String body) {
        return EventsBody.parse(body.getBytes(StandardCharsets.UTF_8), GatewayConfig.DEFAULT_MAX_BATCH_EVENTS);
    }

    @Test
    void shouldRefuseMoreEventsThanTheLimitBeforeLookingAtAnyElement() {
        // Given: three elements, the first of which is not even an object
        final byte[] body = "[1, {\"n\":2}, {\"n\":3}]".getBytes(StandardCharsets.UTF_8);

        // Then: the count is refused, not the element
        assertThatThrownBy(() -> EventsBody.parse(body, 2))
                .isInstanceOfSatisfying(Problem.class, p -> {
                    assertThat(p.status()).isEqualTo(413);
                    assertThat(p.body()).containsEntry("eventCount", 3).containsEntry("maxBatchEvents", 2);
                });
        assertThat(EventsBody.parse("[{\"n\":1},{\"n\":2}]".getBytes(StandardCharsets.UTF_8), 2)).hasSize(2);
    }

    @Test
    void shouldTreatOneObjectAsABatchOfOne() {
        // When
        final List<JsonNode> events = parse("{\"schoolId\":\"A\"}");

        // Then
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("schoolId").asText()).isEqualTo("A");
    }

    @Test
    void shouldKeepTheOrderOfAnArray() {
        // When
        final List<JsonNode> events = parse("[{\"n\":1},{\"n\":2},{\"n\":3}]");

        // Then
        assertThat(events).extracting(e -> e.get("n").asInt()).containsExactly(1, 2, 3);
    }

    @Test
    void shouldAcceptAnEmptyArrayAsNothingToDo() {
        // Then
        assertThat(parse("[]")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "{", "{\"a\":1,}", "{\"a\":1}{\"b\":2}", "{\"a\":1,\"a\":2}", "\"text\"", "42", "null",
        "not json"})
    void shouldRefuseMalformedBodiesWith400(final String body) {
        // When / Then
        assertThatThrownBy(() -> parse(body))
                .isInstanceOfSatisfying(Problem.class, p -> {
                    assertThat(p.status()).isEqualTo(400);
                    assertThat(p.body()).containsEntry("error", "malformed_json");
                });
    }

    @Test
    void shouldNameTheFirstArrayElementThatIsNotAnObject() {
        // When / Then
        assertThatThrownBy(() -> parse("[{\"a\":1},[1],{\"b\":2}]"))
                .isInstanceOfSatisfying(Problem.class, p -> {
                    assertThat(p.status()).isEqualTo(400);
                    assertThat(p.body()).containsEntry("index", 1);
                    assertThat(p.getMessage()).contains("element 1").contains("ARRAY");
                });
    }

    @Test
    void shouldSayWhereTheJsonBreaks() {
        // When / Then
        assertThatThrownBy(() -> parse("{\n\"a\": tru }"))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.getMessage()).contains("line 2"));
    }
}
