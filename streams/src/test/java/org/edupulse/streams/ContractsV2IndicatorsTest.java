package org.edupulse.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edupulse.schemas.PeriodGrain.MONTH;
import static org.edupulse.schemas.PeriodGrain.SCHOOL_YEAR;
import static org.edupulse.streams.IndicatorsDriver.START;
import static org.edupulse.streams.TestData.device;
import static org.edupulse.streams.TestData.school;
import static org.edupulse.streams.TestData.staff;
import static org.edupulse.streams.TestData.training;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.edupulse.schemas.Audience;
import org.edupulse.schemas.Connectivity;
import org.edupulse.schemas.DeviceAction;
import org.edupulse.schemas.DeviceEvent;
import org.edupulse.schemas.DeviceSource;
import org.edupulse.schemas.DeviceType;
import org.edupulse.schemas.IndicatorValue;
import org.edupulse.schemas.StaffAction;
import org.edupulse.schemas.TrainerKind;
import org.edupulse.schemas.TrainingAction;
import org.edupulse.schemas.TrainingContent;
import org.edupulse.schemas.TrainingEvent;
import org.edupulse.schemas.TrainingTopic;
import org.edupulse.topics.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The indicators of catalog 1.3.0 (contracts v2): community-team staff, purchased tablets, wifi and
 * connection types, sponsored devices by programme (live, every level), and the training split by
 * audience, content and trainer (per period, school year included).
 */
class ContractsV2IndicatorsTest {

    private static final String PROGRAMME = "Internet and Tablets for Children";

    @TempDir
    Path stateDir;

    private IndicatorsDriver driver;

    @BeforeEach
    void setUp() {
        driver = new IndicatorsDriver("contracts-v2", stateDir);
        driver.school(school("A", "D1").setInternet(Connectivity.WIFI_BROADBAND).setWifiCoverage(true).build(), START);
        driver.school(school("B", "D1").setInternet(Connectivity.MOBILE_BROADBAND).build(), START);
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private static Instant at(final long hours) {
        return START.plus(Duration.ofHours(hours));
    }

    @Test
    void shouldCountTeamMembersPurchasedTabletsAndSchoolsByConnection() {
        // Given two teachers of A, one in the commune's team, and B's attempt to put the other in it
        driver.staff(staff("e1", "s1", "A", at(1)).build(), at(1));
        driver.staff(staff("e2", "s2", "A", at(1)).build(), at(1));
        driver.staff(staff("t1", "s1", "A", at(2)).setAction(StaffAction.TEAM_JOINED).setTeamCommuneId("C-A").build(),
                at(2));
        driver.staff(staff("x1", "s2", "B", at(2)).setAction(StaffAction.TEAM_JOINED).setTeamCommuneId("C-B").build(),
                at(2));
        // and two purchased tablets, one sponsored tablet and a purchased desktop at A, one retired
        driver.device(tablet("d1", "p1", DeviceSource.PURCHASE, null, at(3)), at(3));
        driver.device(tablet("d2", "p2", DeviceSource.PURCHASE, null, at(3)), at(3));
        driver.device(tablet("d3", "t1", DeviceSource.SPONSORSHIP, PROGRAMME, at(3)), at(3));
        driver.device(device("d4", "c1", "A", at(3)).setSource(DeviceSource.PURCHASE).build(), at(3));
        driver.device(device("d5", "p2", "A", at(4)).setType(DeviceType.TABLET).setAction(DeviceAction.RETIRED)
                .setSource(DeviceSource.PURCHASE).build(), at(4));

        // Then
        assertThat(driver.school("A", "staff.community_team")).isEqualTo(1);
        assertThat(driver.district("D1", "staff.community_team")).isEqualTo(1);
        assertThat(driver.school("A", "devices.tablets.purchased")).isEqualTo(1);
        assertThat(driver.province(TestData.PROVINCE, "devices.tablets.purchased")).isEqualTo(1);
        assertThat(driver.school("A", "devices.tablets.in_service")).isEqualTo(2);
        assertThat(driver.district("D1", "schools.with_wifi")).isEqualTo(1);
        assertThat(driver.district("D1", "schools.with_wifi.share")).isEqualTo(50);
        assertThat(driver.district("D1", "schools.connection.wifi_broadband")).isEqualTo(1);
        assertThat(driver.district("D1", "schools.connection.mobile_broadband")).isEqualTo(1);
        assertThat(driver.district("D1", "schools.connection.fixed_broadband")).isZero();
        assertThat(driver.province(TestData.PROVINCE, "schools.connection.none")).isZero();
        assertThat(driver.findings()).extracting(f -> f.getEventId()).contains("x1");
    }

    @Test
    void shouldPublishSponsoredDevicesByProgrammeAtEveryLevelAndDropAProgrammeWithNoneLeft() {
        // Given two tablets of one programme at A, one of another at B, and the other programme's one retired
        driver.device(tablet("d1", "t1", DeviceSource.SPONSORSHIP, PROGRAMME, at(1)), at(1));
        driver.device(tablet("d2", "t2", DeviceSource.SPONSORSHIP, PROGRAMME, at(1)), at(1));
        driver.device(device("d3", "t3", "B", at(1)).setType(DeviceType.TABLET).setSource(DeviceSource.SPONSORSHIP)
                .setProgramme("Sóng và máy tính cho em").build(), at(1));
        driver.device(device("d4", "t3", "B", at(2)).setType(DeviceType.TABLET).setSource(DeviceSource.SPONSORSHIP)
                .setProgramme("Sóng và máy tính cho em").setAction(DeviceAction.RETIRED).build(), at(2));

        // Then
        assertThat(byProgramme(driver.schools().get("A").getBreakdowns())).containsOnly(Map.entry(PROGRAMME, 2.0));
        assertThat(driver.schools().get("B").getBreakdowns()).isNull();
        assertThat(byProgramme(driver.districts().get("D1").getBreakdowns())).containsOnly(Map.entry(PROGRAMME, 2.0));
        assertThat(byProgramme(driver.provinces().get(TestData.PROVINCE).getBreakdowns()))
                .containsOnly(Map.entry(PROGRAMME, 2.0));
        assertThat(driver.district("D1", "devices.sponsored.in_service")).isEqualTo(2);
    }

    @Test
    void shouldSplitThePeriodsTrainingByAudienceContentAndTrainer() {
        // Given a staff course as v2 writers state it, two student lessons (one corrected, one cancelled)
        final Instant november = Instant.parse("2025-11-10T02:00:00Z");
        driver.training(training("c1", "A", november).build(), november);
        driver.training(lesson("l1", "lesson-1", 30, TrainerKind.IT_TEACHER, november), november);
        driver.training(lesson("l2", "lesson-1", 25, TrainerKind.IT_TEACHER, november.plusSeconds(60)),
                november.plusSeconds(60));
        driver.training(lesson("l3", "lesson-2", 20, TrainerKind.OTHER, november), november);
        driver.training(lesson("l4", "lesson-3", 40, TrainerKind.IT_STAFF, november), november);
        driver.training(cancelled(lesson("l5", "lesson-3", 40, TrainerKind.IT_STAFF, november)), november);
        driver.advanceWallClock(UnitPeriodsProcessor.FLUSH.plus(Duration.ofMillis(1)));

        // Then
        assertThat(driver.period("A", MONTH, "2025-11", "training.sessions")).isEqualTo(3);
        assertThat(driver.period("A", MONTH, "2025-11", "training.sessions.staff")).isEqualTo(1);
        assertThat(driver.period("A", MONTH, "2025-11", "training.sessions.students")).isEqualTo(2);
        assertThat(driver.period("A", MONTH, "2025-11", "training.participants.students")).isEqualTo(45);
        assertThat(driver.period("A", MONTH, "2025-11", "training.participants.staff")).isEqualTo(10);
        assertThat(driver.period("A", MONTH, "2025-11", "training.sessions.content.online_public_services"))
                .isEqualTo(2);
        assertThat(driver.period("A", MONTH, "2025-11", "training.participants.content.cyberspace_self_protection"))
                .isEqualTo(45);
        assertThat(driver.period("A", MONTH, "2025-11", "training.sessions.content.online_shopping_and_payment"))
                .isZero();
        assertThat(driver.period("D1", SCHOOL_YEAR, "2025-2026", "training.students_reached.digital_skills"))
                .isEqualTo(45);
        assertThat(driver.period(TestData.PROVINCE, SCHOOL_YEAR, "2025-2026", "training.sessions.trainer_stated"))
                .isEqualTo(2);
        final IndicatorValue ledByIt = driver.periods().get(Topics.periodKey(TestData.PROVINCE,
                SCHOOL_YEAR, "2025-2026")).getIndicators().get("training.sessions.led_by_it.share");
        assertThat(ledByIt.getNumerator()).isEqualTo(1);
        assertThat(ledByIt.getDenominator()).isEqualTo(2);
        assertThat(ledByIt.getValue()).isEqualTo(50);
    }

    private static TrainingEvent cancelled(final TrainingEvent lesson) {
        lesson.setAction(TrainingAction.CANCELLED);
        return lesson;
    }

    private static TrainingEvent lesson(final String eventId, final String sessionId,
                                                             final int students, final TrainerKind trainer,
                                                             final Instant occurredAt) {
        return training(eventId, "A", occurredAt).setSessionId(sessionId).setTopic(TrainingTopic.STUDENT_DIGITAL_SKILLS)
                .setAudience(Audience.STUDENTS).setParticipantCount(students)
                .setContents(List.of(TrainingContent.ONLINE_PUBLIC_SERVICES, TrainingContent.CYBERSPACE_SELF_PROTECTION))
                .setTrainerKind(trainer).build();
    }

    private static DeviceEvent tablet(final String eventId, final String deviceId,
                                                           final DeviceSource source, final String programme,
                                                           final Instant occurredAt) {
        return device(eventId, deviceId, "A", occurredAt).setType(DeviceType.TABLET).setSource(source)
                .setProgramme(programme).build();
    }

    private static Map<String, Double> byProgramme(final Map<String, Map<String, IndicatorValue>> breakdowns) {
        assertThat(breakdowns).isNotNull().containsOnlyKeys(IndicatorCatalog.SPONSORED_BY_PROGRAMME);
        final Map<String, Double> values = new TreeMap<>();
        breakdowns.get(IndicatorCatalog.SPONSORED_BY_PROGRAMME).forEach((key, value) -> values.put(key, value.getValue()));
        return values;
    }
}
