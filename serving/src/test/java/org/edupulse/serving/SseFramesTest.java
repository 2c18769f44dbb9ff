package org.edupulse.serving;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SseFramesTest {

    @Test
    void shouldFrameAnEventAsNamedDataEndedByAnEmptyLine() {
        // When
        final String frame = SseFrames.event("indicator-set", "{\"unitId\":\"DB-MA\"}");

        // Then
        assertThat(frame).isEqualTo("event: indicator-set\ndata: {\"unitId\":\"DB-MA\"}\n\n");
    }

    @Test
    void shouldSplitMultiLineDataIntoSeveralDataLines() {
        // When
        final String frame = SseFrames.event("x", "a\nb\r\nc");

        // Then
        assertThat(frame).isEqualTo("event: x\ndata: a\ndata: b\ndata: c\n\n");
    }

    @Test
    void shouldWriteHeartbeatsAsCommentsAndKeepNamesOnOneLine() {
        // When / Then
        assertThat(SseFrames.comment("heartbeat")).isEqualTo(": heartbeat\n\n");
        assertThat(SseFrames.comment("two\nlines")).isEqualTo(": two lines\n\n");
        assertThat(SseFrames.event("a\nb", "d")).startsWith("event: a b\n");
        assertThat(SseFrames.retry(2000)).isEqualTo("retry: 2000\n\n");
    }
}
