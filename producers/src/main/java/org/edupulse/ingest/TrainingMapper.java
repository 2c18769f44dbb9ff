package org.edupulse.ingest;

import org.apache.avro.specific.SpecificRecord;
import org.edupulse.schemas.Audience;
import org.edupulse.schemas.TrainerKind;
import org.edupulse.schemas.TrainingAction;
import org.edupulse.schemas.TrainingContent;
import org.edupulse.schemas.TrainingEvent;
import org.edupulse.schemas.TrainingTopic;

/** Field-by-field mapping of a training-register row to a {@link TrainingEvent}. */
final class TrainingMapper implements RecordMapper {

    @Override
    public SpecificRecord map(final FieldReader in) {
        final TrainingEvent event = new TrainingEvent();
        in.optionalString("eventId", event::setEventId);
        in.requiredString("schoolId", event::setSchoolId);
        in.requiredString("sessionId", event::setSessionId);
        in.requiredEnum("topic", TrainingTopic.class, event::setTopic);
        in.requiredEnum("audience", Audience.class, event::setAudience);
        in.requiredInt("participantCount", event::setParticipantCount);
        in.optionalStringList("staffIds", event::setStaffIds);
        in.requiredDouble("hours", event::setHours);
        in.requiredInstant("occurredAt", event::setOccurredAt);
        in.optionalEnum("action", TrainingAction.class, event::setAction);
        in.optionalEnumList("contents", TrainingContent.class, event::setContents);
        in.optionalString("trainerStaffId", event::setTrainerStaffId);
        in.optionalEnum("trainerKind", TrainerKind.class, event::setTrainerKind);
        return event;
    }
}
