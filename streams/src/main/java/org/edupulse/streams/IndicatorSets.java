package org.edupulse.streams;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.edupulse.schemas.IndicatorSet;
import org.edupulse.schemas.IndicatorValue;
import org.edupulse.schemas.UnitLevel;
import org.edupulse.streams.state.Place;
import org.edupulse.streams.state.UnitTotals;

/** Turns a unit's additive totals into the published IndicatorSet, one value per catalog entry. */
final class IndicatorSets {

    private IndicatorSets() {
    }

    static IndicatorSet of(final UnitTotals totals, final UnitLevel level, final String catalogVersion) {
        final Map<String, IndicatorValue> values = new LinkedHashMap<>();
        for (final IndicatorDefinition definition : IndicatorCatalog.all()) {
            final double numerator = Totals.get(totals, definition.numerator());
            final Double denominator = definition.isRatio() ? (double) Totals.get(totals, definition.denominator()) : null;
            final Double value = definition.valueOf(numerator, denominator == null ? 0 : denominator);
            values.put(definition.id(), new IndicatorValue(numerator, denominator, value,
                    value == null ? definition.undefinedReason() : null));
        }
        final Place place = totals.getPlace();
        final Map<String, Map<String, IndicatorValue>> breakdowns = new LinkedHashMap<>();
        if (!totals.getProgrammes().isEmpty()) {
            final Map<String, IndicatorValue> byProgramme = new TreeMap<>();
            totals.getProgrammes().forEach((programme, devices) ->
                    byProgramme.put(programme, new IndicatorValue((double) devices, null, (double) devices, null)));
            breakdowns.put(IndicatorCatalog.SPONSORED_BY_PROGRAMME, byProgramme);
        }
        final boolean grouped = level == UnitLevel.SCHOOL;
        // A school's commune, a commune's and a district's province.
        final UnitLevel parentLevel = UnitLevel.PROVINCE;
        final String unitName = level == UnitLevel.SCHOOL ? place.getUnitName()
                : Totals.nameOf(totals, level, place.getUnitName());
        return IndicatorSet.newBuilder()
                .setUnitId(place.getUnitId())
                .setUnitName(unitName)
                .setLevel(level)
                .setParentId(place.getParentId().isEmpty() ? null : place.getParentId())
                .setParentName(place.getParentId().isEmpty() ? null : level == UnitLevel.SCHOOL
                        ? place.getParentName() : Totals.nameOf(totals, parentLevel, place.getParentName()))
                .setDistrictId(grouped && !place.getDistrictId().isEmpty() ? place.getDistrictId() : null)
                .setDistrictName(grouped && !place.getDistrictId().isEmpty() ? place.getDistrictName() : null)
                .setGrouping(level == UnitLevel.DISTRICT && Totals.formerDistrict(totals))
                .setAsOf(Instant.ofEpochMilli(Math.max(0, totals.getAsOf())))
                .setDataThrough(totals.getAsOf() == Long.MIN_VALUE ? null : Instant.ofEpochMilli(totals.getAsOf()))
                .setEvaluatedAt(totals.getEvaluatedAt() == Long.MIN_VALUE ? null : Instant.ofEpochMilli(totals.getEvaluatedAt()))
                .setCatalogVersion(catalogVersion)
                .setIndicators(values)
                .setBreakdowns(breakdowns.isEmpty() ? null : breakdowns)
                .build();
    }
}
