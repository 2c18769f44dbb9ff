package org.edupulse.streams;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.edupulse.schemas.DataQualityFinding;
import org.edupulse.schemas.School;
import org.edupulse.schemas.UnitLevel;
import org.edupulse.streams.state.UnitTotals;

/**
 * A commune, district or province whose schools do not all name it alike is published under the name
 * most of them give ({@link Totals#nameOf}); this step reports the disagreement itself as a
 * data-quality finding ({@value #RULE}) each time the names given, or how many schools give each,
 * change, so the department can correct the school records. The finding is about a unit rather than
 * one school's record: its {@code schoolId} is empty and its {@code entityId} is the unit's id.
 */
final class UnitNameCheck implements Processor<String, UnitTotals, String, DataQualityFinding> {

    /** The rule id of the finding. */
    static final String RULE = "quality.unit-name-disagrees";

    private final UnitLevel level;
    private final String storeName;
    private ProcessorContext<String, DataQualityFinding> context;
    private KeyValueStore<String, String> reported;

    UnitNameCheck(final UnitLevel level, final String storeName) {
        this.level = level;
        this.storeName = storeName;
    }

    @Override
    public void init(final ProcessorContext<String, DataQualityFinding> processorContext) {
        this.context = processorContext;
        this.reported = processorContext.getStateStore(storeName);
    }

    @Override
    public void process(final Record<String, UnitTotals> record) {
        if (record.value() == null) {
            return;
        }
        final Map<String, Long> names = names(record.value());
        final StringJoiner given = new StringJoiner(", ");
        names.forEach((name, schools) -> given.add("'" + name + "' by " + schools + (schools == 1 ? " school" : " schools")));
        final String signature = names.size() > 1 ? given.toString() : "";
        final String before = reported.get(record.key());
        if (signature.equals(before == null ? "" : before)) {
            return;
        }
        reported.put(record.key(), signature);
        if (signature.isEmpty()) {
            return;
        }
        final String published = Totals.nameOf(record.value(), level, record.value().getPlace().getUnitName());
        final long asOf = Math.max(0, record.value().getAsOf());
        context.forward(new Record<>(record.key(), DataQualityFinding.newBuilder()
                .setRuleId(RULE)
                .setSchoolId("")
                .setEntityId(record.key())
                .setEventId(level.name() + "/" + record.key())
                .setEventType(School.class.getSimpleName())
                .setOccurredAt(Instant.ofEpochMilli(asOf))
                .setSourceTopic(null)
                .setSourcePartition(null)
                .setSourceOffset(null)
                .setMessage("the school records in force name " + level.name().toLowerCase(Locale.ROOT) + " "
                        + record.key() + " differently: " + given + "; it is published as '" + published
                        + "', the name most of its schools give; correct the others' records")
                .build(), record.timestamp()));
    }

    private Map<String, Long> names(final UnitTotals totals) {
        final String prefix = level.name() + "|";
        final Map<String, Long> names = new TreeMap<>();
        totals.getNames().forEach((key, schools) -> {
            if (key.startsWith(prefix) && schools > 0) {
                names.put(key.substring(prefix.length()), schools);
            }
        });
        return names;
    }
}
