package org.edupulse.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class IndicatorTextsTest {

    @Test
    void shouldNameAndDefineEveryIndicatorInVietnameseAndNothingElse() {
        // Given every indicator, live and per period, and every breakdown
        final Set<String> expected = new HashSet<>();
        final Stream<IndicatorDefinition> definitions = Stream.of(IndicatorCatalog.all(), IndicatorCatalog.periods(),
                IndicatorCatalog.breakdowns()).flatMap(List::stream);
        definitions.forEach(definition -> {
            // Then each has Vietnamese words, different from the English ones
            final IndicatorTexts.Text vi = IndicatorTexts.of(definition, "vi");
            assertThat(vi.name()).as(definition.id()).isNotBlank().isNotEqualTo(definition.name());
            assertThat(vi.definition()).as(definition.id()).isNotBlank().isNotEqualTo(definition.definition());
            assertThat(vi.correspondence() == null).as(definition.id() + " correspondence")
                    .isEqualTo(definition.correspondence().isEmpty());
            expected.add(definition.id() + ".name");
            expected.add(definition.id() + ".definition");
            definition.correspondence().ifPresent(c -> expected.add(definition.id() + ".correspondence"));
        });
        // and the resource names no indicator the catalog lacks (a renamed id would leave words behind)
        assertThat(IndicatorTexts.vietnameseKeys()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void shouldReadTheResourceAsUtf8AndGiveTheCatalogsOwnWordsInEnglish() {
        final IndicatorDefinition share = IndicatorCatalog.byId("staff.it_certified.share").orElseThrow();
        assertThat(IndicatorTexts.of(share, "vi").name()).isEqualTo("Tỷ lệ cán bộ, giáo viên có chứng chỉ CNTT (%)");
        assertThat(IndicatorTexts.of(share, "en").name()).isEqualTo(share.name());
        assertThat(IndicatorTexts.of(share, "en").definition()).isEqualTo(share.definition());
        assertThatThrownBy(() -> IndicatorTexts.of(share, "fr")).hasMessageContaining("language must be one of");
    }

    @Test
    void shouldPickTheLanguageOfAnAcceptLanguageHeaderByItsWeights() {
        assertThat(IndicatorTexts.fromAcceptLanguage("vi-VN,vi;q=0.9,en;q=0.8")).contains("vi");
        assertThat(IndicatorTexts.fromAcceptLanguage("en-US,en;q=0.9")).contains("en");
        assertThat(IndicatorTexts.fromAcceptLanguage("fr-FR,en;q=0.5,vi;q=0.7")).contains("vi");
        assertThat(IndicatorTexts.fromAcceptLanguage("fr-FR")).isEmpty();
        assertThat(IndicatorTexts.fromAcceptLanguage("")).isEmpty();
        assertThat(IndicatorTexts.fromAcceptLanguage(";;;q=x")).isEmpty();
    }
}
