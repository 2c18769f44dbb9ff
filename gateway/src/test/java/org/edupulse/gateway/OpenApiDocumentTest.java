package org.edupulse.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.edupulse.ingest.EventParser;
import org.edupulse.ingest.EventType;
import org.edupulse.ingest.EventValidator;
import org.edupulse.ingest.ParseResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class OpenApiDocumentTest {

    private static final Path EXAMPLES = Path.of("..", "examples");

    private final ObjectNode doc = OpenApiDocument.create();

    private static List<String> names(final JsonNode node) {
        final List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(final JsonNode array) {
        final List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    @Test
    void shouldDescribeAnOpenApi3DocumentWithBearerSecurity() {
        // Then
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        assertThat(doc.at("/components/securitySchemes/bearerAuth/type").asText()).isEqualTo("http");
        assertThat(doc.at("/components/securitySchemes/bearerAuth/scheme").asText()).isEqualTo("bearer");
        assertThat(doc.at("/security/0").has("bearerAuth")).isTrue();
        assertThat(names(doc.get("paths"))).contains(OpenApiDocument.PATH);
    }

    @Test
    void shouldStateTheBatchLimitTheErrorCapAndWhoMayPostSchoolRecords() {
        // Given
        final JsonNode training = doc.at("/paths/~1api~1v1~1events~1training/post");
        final JsonNode school = doc.at("/paths/~1api~1v1~1events~1school/post");
        final JsonNode error = doc.at("/components/schemas/Error/properties");

        // Then
        assertThat(training.at("/requestBody/content/application~1json/schema/oneOf/1/maxItems").asInt()).isEqualTo(1_000);
        assertThat(training.at("/responses/413/description").asText()).contains("gateway.max.batch.events");
        assertThat(training.at("/responses/422/description").asText()).contains("100").contains("errorCount");
        assertThat(error.at("/errors/maxItems").asInt()).isEqualTo(100);
        assertThat(error.at("/errorCount/type").asText()).isEqualTo("integer");
        assertThat(error.at("/errorsTruncated/type").asText()).isEqualTo("boolean");
        assertThat(school.get("description").asText()).contains("department key");
        assertThat(school.at("/responses/403/description").asText()).contains("department key");
        assertThat(doc.at("/info/description").asText()).contains("1000 events").contains("department key");
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void shouldDescribeEachTypeWithEveryAvroFieldAndEveryStatus(final EventType type) {
        // Given
        final JsonNode post = doc.get("paths").get("/api/v1/events/" + type.cliName()).get("post");
        final JsonNode schema = doc.at("/components/schemas/" + OpenApiDocument.schemaName(type));

        // Then
        assertThat(names(post.get("responses")))
                .containsExactlyInAnyOrder("202", "400", "401", "403", "404", "405", "413", "415", "422", "503");
        assertThat(post.at("/requestBody/content/application~1json/schema/oneOf/0/$ref").asText())
                .isEqualTo("#/components/schemas/" + type.schema().getName());
        assertThat(post.at("/requestBody/content/application~1json/schema/oneOf/1/type").asText()).isEqualTo("array");
        assertThat(names(schema.get("properties"))).containsExactlyElementsOf(type.fields());
        assertThat(schema.get("additionalProperties").asBoolean()).isFalse();
        assertThat(texts(schema.get("required"))).doesNotContain(EventType.EVENT_ID);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void shouldListEnumSymbolsAndDateTimesAsTheAvroSchemaSays(final EventType type) {
        // Given
        final JsonNode properties = doc.at("/components/schemas/" + OpenApiDocument.schemaName(type) + "/properties");

        // Then
        for (final Schema.Field field : type.schema().getFields()) {
            final JsonNode property = properties.get(field.name());
            assertThat(property.get("description").asText()).as(field.name()).isNotBlank();
            if (field.schema().getType() == Schema.Type.ENUM) {
                assertThat(texts(property.get("enum"))).as(field.name()).containsExactlyElementsOf(field.schema().getEnumSymbols());
            }
            if (field.name().equals("occurredAt")) {
                assertThat(property.get("format").asText()).isEqualTo("date-time");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void shouldMarkRequiredExactlyTheFieldsTheParserInsistsOn(final EventType type) throws IOException {
        // Given: the sample events of the type, all of which the parser accepts
        final EventParser parser = new EventParser(new EventValidator());
        final List<ObjectNode> examples = new ArrayList<>();
        for (final String line : Files.readAllLines(EXAMPLES.resolve(type.cliName() + ".ndjson"), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                examples.add((ObjectNode) JsonResponses.JSON.readTree(line));
            }
        }
        assertThat(examples).isNotEmpty().allSatisfy(e -> assertThat(parser.parseJson(type, e).isValid()).isTrue());
        final List<String> required = texts(doc.at("/components/schemas/" + OpenApiDocument.schemaName(type) + "/required"));

        // When: each field is left out of each sample in turn; required means refused in every sample
        // (a conditional rule such as "programme when source is SPONSORSHIP" is not a required field)
        final List<String> refused = new ArrayList<>(type.fields());
        for (final ObjectNode example : examples) {
            refused.removeIf(field -> !refusedWithout(parser, type, example, field));
        }

        // Then
        assertThat(required).containsExactlyInAnyOrderElementsOf(refused);
    }

    private static boolean refusedWithout(final EventParser parser, final EventType type, final ObjectNode example,
                                          final String field) {
        final ObjectNode without = example.deepCopy();
        without.remove(field);
        final ParseResult result = parser.parseJson(type, without);
        return result.violations().stream().anyMatch(v -> v.field().equals(field));
    }
}
