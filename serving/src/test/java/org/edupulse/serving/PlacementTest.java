package org.edupulse.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

class PlacementTest {

    private static final HostInfo SELF = new HostInfo("10.0.0.1", 8080);
    private static final HostInfo OTHER = new HostInfo("10.0.0.2", 8080);

    @Test
    void shouldAnswerLocallyWhenThisInstanceOwnsTheKey() {
        // Given
        final KeyQueryMetadata metadata = new KeyQueryMetadata(new HostInfo("10.0.0.1", 8080), Set.of(OTHER), 1);

        // When
        final Placement placement = Placement.of(metadata, SELF);

        // Then
        assertThat(placement.where()).isEqualTo(Placement.Where.LOCAL);
    }

    @Test
    void shouldForwardToTheActiveOwnerEvenWhenThisInstanceHoldsAStandby() {
        // Given
        final KeyQueryMetadata metadata = new KeyQueryMetadata(OTHER, Set.of(SELF), 2);

        // When
        final Placement placement = Placement.of(metadata, SELF);

        // Then
        assertThat(placement.where()).isEqualTo(Placement.Where.REMOTE);
        assertThat(placement.owner()).isEqualTo(OTHER);
    }

    @Test
    void shouldTreatAnUnknownOwnerAsLocalSingleInstanceMode() {
        // When
        final Placement notAvailable = Placement.of(KeyQueryMetadata.NOT_AVAILABLE, SELF);
        final Placement noHost = Placement.of(new KeyQueryMetadata(HostInfo.unavailable(), Set.of(), 0), SELF);

        // Then
        assertThat(notAvailable.where()).isEqualTo(Placement.Where.UNKNOWN);
        assertThat(noHost.where()).isEqualTo(Placement.Where.UNKNOWN);
        assertThat(Placement.isSelf(HostInfo.unavailable(), SELF)).isTrue();
        assertThat(Placement.isSelf(OTHER, SELF)).isFalse();
    }
}
