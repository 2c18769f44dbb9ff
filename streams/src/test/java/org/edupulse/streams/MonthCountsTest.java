package org.edupulse.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.edupulse.streams.state.MonthCount;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An owner's counters per month, one store entry each: summed per month and read back in month order. */
class MonthCountsTest {

    private KeyValueStore<String, MonthCount> store;

    @BeforeEach
    void store() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("months"), Serdes.String(),
                new InternalAvroSerde<>(MonthCount.class)).withLoggingDisabled().build();
        final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        store.init(context.getStateStoreContext(), store);
    }

    @Test
    void anOwnersMonthsAreSummedAndReadInMonthOrder() {
        // Months on both sides of a hex digit's carry, and below zero, in a scrambled order.
        for (final int month : new int[] {24_300, 15, 24_271, 16, -1, 255, 256, 24_300}) {
            MonthCounts.add(store, "SCHOOL:S1", month, List.of(1L, (long) month));
        }
        assertThat(MonthCounts.of(store, "SCHOOL:S1")).extracting(MonthCount::getMonth)
                .containsExactly(-1, 15, 16, 255, 256, 24_271, 24_300);
        assertThat(MonthCounts.of(store, "SCHOOL:S1").get(6).getCounts()).containsExactly(2L, 48_600L);
    }

    @Test
    void anIdThatStartsWithAnotherOwnersKeyIsNotReadAsThatOwner() {
        MonthCounts.add(store, "SCHOOL:S1", 24_300, List.of(1L));
        MonthCounts.add(store, "SCHOOL:S1|800058ec", 24_300, List.of(7L));
        MonthCounts.add(store, "SCHOOL:S1|x", 24_301, List.of(9L));
        MonthCounts.add(store, "SCHOOL:S", 24_302, List.of(5L));

        assertThat(MonthCounts.of(store, "SCHOOL:S1")).extracting(MonthCount::getCounts)
                .containsExactly(List.of(1L));
        assertThat(MonthCounts.of(store, "SCHOOL:S1|800058ec")).extracting(MonthCount::getCounts)
                .containsExactly(List.of(7L));
    }

    @Test
    void aChangeIsAddedToItsMonthOrInsertedInOrder() {
        final List<MonthCount> months = List.of(new MonthCount(10, List.of(1L, 1L)), new MonthCount(12, List.of(2L, 2L)));
        assertThat(MonthCounts.withChange(months, 11, List.of(5L, 0L)))
                .containsExactly(months.get(0), new MonthCount(11, List.of(5L, 0L)), months.get(1));
        assertThat(MonthCounts.withChange(months, 12, List.of(5L, -2L)))
                .containsExactly(months.get(0), new MonthCount(12, List.of(7L, 0L)));
        assertThat(MonthCounts.withChange(months, 9, List.of(1L, 1L))).first().isEqualTo(new MonthCount(9, List.of(1L, 1L)));
        assertThat(MonthCounts.withChange(months, 13, List.of(1L, 1L))).last().isEqualTo(new MonthCount(13, List.of(1L, 1L)));
    }
}
