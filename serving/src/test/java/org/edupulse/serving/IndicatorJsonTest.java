package org.edupulse.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.edupulse.schemas.IndicatorSet;
import org.edupulse.schemas.IndicatorValue;
import org.edupulse.schemas.UnitLevel;
import org.edupulse.streams.IndicatorCatalog;
import org.edupulse.streams.IndicatorDefinition;
import org.junit.jupiter.api.Test;

class IndicatorJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static IndicatorSet set(final String unitId, final Instant asOf, final double staff, final double certified) {
        return IndicatorSet.newBuilder().setUnitId(unitId).setUnitName("Mường Ảng").setLevel(UnitLevel.DISTRICT)
                .setAsOf(asOf).setCatalogVersion(IndicatorCatalog.VERSION)
                .setIndicators(Map.of(
                        "staff.active", new IndicatorValue(staff, null, staff, null),
                        "staff.it_certified.share", staff == 0
                                ? new IndicatorValue(certified, staff, null, "no value: the denominator (staff) is 0")
                                : new IndicatorValue(certified, staff, certified / staff * 100, null)))
                .build();
    }

    @Test
    void shouldShapeAnIndicatorSetWithItsFieldNamesAndValuesAsPublished() throws Exception {
        // Given
        final IndicatorSet set = set("DB-MA", Instant.parse("2025-11-30T16:59:59.999Z"), 840, 630);

        // When
        final JsonNode json = JSON.readTree(Reply.toBytes(IndicatorJson.of(set)));

        // Then
        assertThat(List.of(json.fieldNames().next())).containsExactly("unitId");
        assertThat(json.get("unitId").asText()).isEqualTo("DB-MA");
        assertThat(json.get("unitName").asText()).isEqualTo("Mường Ảng");
        assertThat(json.get("level").asText()).isEqualTo("DISTRICT");
        assertThat(json.get("asOf").asText()).isEqualTo("2025-11-30T16:59:59.999Z");
        assertThat(json.get("catalogVersion").asText()).isEqualTo(IndicatorCatalog.VERSION);
        final JsonNode share = json.get("indicators").get("staff.it_certified.share");
        assertThat(share.get("numerator").asDouble()).isEqualTo(630);
        assertThat(share.get("denominator").asDouble()).isEqualTo(840);
        assertThat(share.get("value").asDouble()).isEqualTo(75.0);
        assertThat(json.get("indicators").get("staff.active").get("denominator").isNull()).isTrue();
    }

    @Test
    void shouldAnswerNoValueWithTheReasonWhereARatioHasNoDenominator() throws Exception {
        // Given a unit with no staff
        final IndicatorSet set = set("DB-X", Instant.parse("2025-11-30T16:59:59.999Z"), 0, 0);

        // When
        final JsonNode share = JSON.readTree(Reply.toBytes(IndicatorJson.of(set))).at("/indicators/staff.it_certified.share");

        // Then the share is null with its reason, never 0
        assertThat(share.get("value").isNull()).isTrue();
        assertThat(share.get("undefinedReason").asText()).contains("staff");
        assertThat(share.get("denominator").asDouble()).isZero();
    }

    @Test
    void shouldCarryAUnitsBreakdownsByIdThenKeyInEveryUnitShape() throws Exception {
        // Given a school whose sponsored devices come from two programmes
        final IndicatorSet set = set("DB-MA-SCH-001", Instant.parse("2025-11-30T16:59:59.999Z"), 40, 30);
        set.setLevel(UnitLevel.SCHOOL);
        set.setBreakdowns(Map.of(IndicatorCatalog.SPONSORED_BY_PROGRAMME, Map.of(
                "Internet and Tablets for Children", new IndicatorValue(86.0, null, 86.0, null),
                "<b>Sóng và máy tính</b>", new IndicatorValue(3.0, null, 3.0, null))));

        // When
        final JsonNode of = JSON.readTree(Reply.toBytes(IndicatorJson.of(set)));
        final JsonNode unit = JSON.readTree(Reply.toBytes(IndicatorJson.unit(set)));

        // Then both shapes carry every key of the breakdown, as published, keys sorted, after the indicators
        for (final JsonNode json : List.of(of, unit)) {
            final JsonNode byProgramme = json.get("breakdowns").get(IndicatorCatalog.SPONSORED_BY_PROGRAMME);
            assertThat(byProgramme.fieldNames()).toIterable()
                    .containsExactly("<b>Sóng và máy tính</b>", "Internet and Tablets for Children");
            assertThat(byProgramme.at("/Internet and Tablets for Children/numerator").asDouble()).isEqualTo(86);
            assertThat(byProgramme.at("/Internet and Tablets for Children/value").asDouble()).isEqualTo(86);
            assertThat(byProgramme.at("/Internet and Tablets for Children/denominator").isNull()).isTrue();
            final List<String> fields = new ArrayList<>();
            json.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).endsWith("indicators", "breakdowns");
        }
    }

    @Test
    void shouldAnswerAnEmptyObjectForAUnitWithNoBreakdowns() throws Exception {
        // Given a set with none (null, as a set written before schema version 2 has it)
        final IndicatorSet set = set("DB-MA", Instant.parse("2025-11-30T16:59:59.999Z"), 840, 630);

        // When
        final JsonNode json = JSON.readTree(Reply.toBytes(IndicatorJson.unit(set)));

        // Then clients read one shape: an object, empty
        assertThat(json.get("breakdowns").isObject()).isTrue();
        assertThat(json.get("breakdowns")).isEmpty();
    }

    @Test
    void shouldDefineEveryBreakdownInTheCatalogInVietnameseAndEnglish() throws Exception {
        // When
        final JsonNode vi = JSON.readTree(Reply.toBytes(IndicatorJson.catalog("vi")));
        final JsonNode en = JSON.readTree(Reply.toBytes(IndicatorJson.catalog("en")));

        // Then the breakdowns are listed apart from the indicators, each with its formula and words
        assertThat(vi.get("breakdowns").findValuesAsText("id")).containsExactlyElementsOf(
                IndicatorCatalog.breakdowns().stream().map(IndicatorDefinition::id).toList())
                .containsExactly(IndicatorCatalog.SPONSORED_BY_PROGRAMME);
        final JsonNode byProgramme = vi.get("breakdowns").get(0);
        assertThat(byProgramme.get("numerator").asText()).isEqualTo("SPONSORED");
        assertThat(byProgramme.get("ratio").asBoolean()).isFalse();
        assertThat(byProgramme.get("unit").asText()).isEqualTo("devices");
        assertThat(byProgramme.get("periods").asBoolean()).isFalse();
        assertThat(byProgramme.get("name").asText()).isEqualTo("Sponsored devices in service, by programme");
        assertThat(byProgramme.at("/localized/name").asText()).isEqualTo("Thiết bị được tài trợ đang sử dụng, theo chương trình");
        assertThat(byProgramme.at("/localized/definition").asText()).contains("chương trình");
        assertThat(en.get("breakdowns").get(0).at("/localized/name").asText())
                .isEqualTo("Sponsored devices in service, by programme");
        assertThat(vi.get("indicators").findValuesAsText("id")).doesNotContain(IndicatorCatalog.SPONSORED_BY_PROGRAMME);
    }

    @Test
    void shouldDescribeEveryCatalogEntry() throws Exception {
        // When
        final JsonNode json = JSON.readTree(Reply.toBytes(IndicatorJson.catalog()));

        // Then
        assertThat(json.get("catalogVersion").asText()).isEqualTo(IndicatorCatalog.VERSION);
        assertThat(json.get("indicators")).hasSize(IndicatorCatalog.all().size());
        final JsonNode ratio = json.get("indicators").get(IndicatorCatalog.all().indexOf(
                IndicatorCatalog.byId("learners.per_teaching_computer").orElseThrow()));
        assertThat(ratio.get("ratio").asBoolean()).isTrue();
        assertThat(ratio.get("denominator").asText()).isEqualTo("COMPUTERS_TEACHING");
        assertThat(ratio.get("correspondence").asText()).contains("ED4bis");
    }

    @Test
    void shouldNameAndDefineEveryEntryInVietnameseAndEnglishKeepingTheEnglishFields() throws Exception {
        // When
        final JsonNode vi = JSON.readTree(Reply.toBytes(IndicatorJson.catalog("vi")));
        final JsonNode en = JSON.readTree(Reply.toBytes(IndicatorJson.catalog("en")));

        // Then each answer says its language, and every entry has its words in both
        assertThat(vi.get("lang").asText()).isEqualTo("vi");
        assertThat(en.get("lang").asText()).isEqualTo("en");
        final JsonNode share = vi.get("indicators").get(IndicatorCatalog.all().indexOf(
                IndicatorCatalog.byId("staff.it_certified.share").orElseThrow()));
        assertThat(share.at("/localized/name").asText()).isEqualTo("Tỷ lệ cán bộ, giáo viên có chứng chỉ CNTT (%)");
        assertThat(share.at("/texts/vi/name").asText()).isEqualTo(share.at("/localized/name").asText());
        assertThat(share.at("/texts/en/name").asText()).isEqualTo("Staff with IT certification, %");
        assertThat(share.at("/localized/correspondence").asText()).contains("ED8");
        // and the English fields stay what they were, whatever the language asked
        assertThat(share.get("name").asText()).isEqualTo("Staff with IT certification, %");
        assertThat(share.get("definition").asText()).contains("percentage");
        final JsonNode enShare = en.get("indicators").get(IndicatorCatalog.all().indexOf(
                IndicatorCatalog.byId("staff.it_certified.share").orElseThrow()));
        assertThat(enShare.at("/localized/name").asText()).isEqualTo("Staff with IT certification, %");
        for (final JsonNode entry : vi.get("periodIndicators")) {
            assertThat(entry.at("/localized/name").asText()).as(entry.get("id").asText()).isNotBlank()
                    .isNotEqualTo(entry.get("name").asText());
        }
    }

    @Test
    void shouldDescribeTheCountsOfDataQualityFindingsLikeAnyOtherCount() throws Exception {
        // When
        final JsonNode json = JSON.readTree(Reply.toBytes(IndicatorJson.catalog()));

        // Then the three counts of findings are plain counts, defined as findings that apply now
        final List<JsonNode> quality = new ArrayList<>();
        json.get("indicators").forEach(entry -> {
            if (entry.get("id").asText().startsWith("quality.")) {
                quality.add(entry);
            }
        });
        assertThat(quality).extracting(entry -> entry.get("id").asText())
                .containsExactly("quality.findings.total", "quality.refused.total", "quality.doubtful.total");
        assertThat(quality).allSatisfy(entry -> {
            assertThat(entry.get("ratio").asBoolean()).isFalse();
            assertThat(entry.get("unit").asText()).isEqualTo("findings");
            assertThat(entry.get("definition").asText()).contains("findings that apply now");
        });
        assertThat(quality.get(1).get("numerator").asText()).isEqualTo("QUALITY_REFUSED");
    }

    @Test
    void shouldSayWhichIndicatorsHaveASeriesByPeriod() throws Exception {
        // When
        final JsonNode json = JSON.readTree(Reply.toBytes(IndicatorJson.catalog()));

        // Then a stock has a series, a rolling window and a count of findings have none
        final Map<String, Boolean> periods = new HashMap<>();
        json.get("indicators").forEach(entry -> periods.put(entry.get("id").asText(), entry.get("periods").asBoolean()));
        assertThat(periods).containsEntry("staff.it_certified.share", true).containsEntry("staff.active", true)
                .containsEntry("training.sessions.30d", false).containsEntry("training.sessions.total", false)
                .containsEntry("quality.findings.total", false);
        // and the periods' own list names every indicator the series API answers, the flows of a period included
        assertThat(json.get("periodIndicators").findValuesAsText("id")).containsExactlyElementsOf(
                IndicatorCatalog.periods().stream().map(IndicatorDefinition::id).toList())
                .contains("training.sessions", "events.late", "staff.it_certified.share");
        assertThat(json.get("periodIndicators")).allSatisfy(entry -> assertThat(entry.get("periods").asBoolean()).isTrue());
        final JsonNode sessions = json.get("periodIndicators").get(IndicatorCatalog.periods().indexOf(
                IndicatorCatalog.periodById("training.sessions").orElseThrow()));
        assertThat(sessions.get("name").asText()).isEqualTo("Training sessions held in the period");
        assertThat(sessions.get("unit").asText()).isEqualTo("sessions");
    }

    @Test
    void shouldShapeErrorsWithoutInternals() throws Exception {
        // When
        final Reply reply = Reply.unavailable("the indicator pipeline is REBALANCING; retry shortly");
        final JsonNode json = JSON.readTree(reply.body());

        // Then
        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.headers()).containsEntry("Retry-After", "1");
        assertThat(json.get("status").asInt()).isEqualTo(503);
        assertThat(json.get("error").asText()).isEqualTo("Service Unavailable");
        assertThat(json.get("message").asText()).contains("REBALANCING");
    }
}
