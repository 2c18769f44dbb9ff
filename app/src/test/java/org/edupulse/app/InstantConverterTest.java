package org.edupulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class InstantConverterTest {

    private final InstantConverter converter = new InstantConverter();

    @Test
    void shouldReadAnInstantAsWritten() {
        assertThat(converter.convert("2025-06-30T17:00:00Z")).isEqualTo(Instant.parse("2025-06-30T17:00:00Z"));
    }

    @Test
    void shouldReadADateAsTheEndOfThatDayInTheProvince() {
        // 30 June ends at 23:59:59.999 in Asia/Ho_Chi_Minh (UTC+7), i.e. 16:59:59.999 UTC
        assertThat(converter.convert("2025-06-30")).isEqualTo(Instant.parse("2025-06-30T16:59:59.999Z"));
    }

    @Test
    void shouldSayWhatItExpects() {
        assertThatThrownBy(() -> converter.convert("30/06/2025")).hasMessageContaining("30/06/2025")
                .hasMessageContaining("2025-06-30T17:00:00Z").hasMessageContaining("2025-06-30");
    }
}
