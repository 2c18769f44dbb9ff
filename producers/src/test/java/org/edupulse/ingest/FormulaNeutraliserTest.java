package org.edupulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormulaNeutraliserTest {

    @Test
    void shouldPrefixAQuoteToEveryCellThatASpreadsheetWouldRunAsAFormula() {
        // Given cells that start with each character a spreadsheet reads as the start of a formula
        // When they are neutralised
        // Then each becomes text: a leading single quote, the rest unchanged
        assertThat(FormulaNeutraliser.neutralise("=HYPERLINK(\"http://evil.example\",\"open\")"))
                .isEqualTo("'=HYPERLINK(\"http://evil.example\",\"open\")");
        assertThat(FormulaNeutraliser.neutralise("+1+cmd|' /C calc'!A0")).isEqualTo("'+1+cmd|' /C calc'!A0");
        assertThat(FormulaNeutraliser.neutralise("-2+3")).isEqualTo("'-2+3");
        assertThat(FormulaNeutraliser.neutralise("@SUM(A1:A9)")).isEqualTo("'@SUM(A1:A9)");
        assertThat(FormulaNeutraliser.neutralise("\t=1")).isEqualTo("'\t=1");
        assertThat(FormulaNeutraliser.neutralise("\r=1")).isEqualTo("'\r=1");
    }

    @Test
    void shouldLeaveOrdinaryTextNumbersAndMissingValuesAlone() {
        // Given ordinary names, a formula sign that is not first, a number, an empty and a missing cell
        // When they are neutralised
        // Then nothing changes
        assertThat(FormulaNeutraliser.neutralise("Mường Ảng")).isEqualTo("Mường Ảng");
        assertThat(FormulaNeutraliser.neutralise("a=b, 'c' - d")).isEqualTo("a=b, 'c' - d");
        assertThat(FormulaNeutraliser.neutralise("42")).isEqualTo("42");
        assertThat(FormulaNeutraliser.neutralise("")).isEmpty();
        assertThat(FormulaNeutraliser.neutralise(null)).isNull();
    }
}
