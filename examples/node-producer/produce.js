'use strict';
// A school system written in JavaScript publishes EduPulse events with Confluent's own Avro
// serializer (@confluentinc/schemaregistry, Confluent wire format) and kafkajs: a roster change and
// a training session written with the PREVIOUS version of each contract, then the same kinds with
// the CURRENT version and its new fields (a community-team membership, the contents and trainer of
// a session). Both versions are registered under the topic's subject, previous first, as the
// schemas evolved; the pipeline must count the events of both.
//
//   node produce.js --bootstrap 127.0.0.1:9092 --registry http://127.0.0.1:8081 --school DB-MA-SCH-001 \
//     [--commune ID] [--versions previous,current] [--run ID-SUFFIX]
//
// Prints one JSON line per event sent (topic, contract version, schema id, event id), then a summary.

const fs = require('fs');
const path = require('path');
const { Kafka, logLevel } = require('kafkajs');
const { SchemaRegistryClient, AvroSerializer, SerdeType } = require('@confluentinc/schemaregistry');

const REPO = path.resolve(__dirname, '..', '..');

function options(argv) {
  const opts = {
    bootstrap: '127.0.0.1:9092',
    registry: 'http://127.0.0.1:8081',
    school: 'DB-MA-SCH-001',
    commune: null,
    run: String(Date.now()),
    versions: 'previous,current',
    current: path.join(REPO, 'schemas', 'src', 'main', 'avro'),
    previous: path.join(REPO, 'registry', 'src', 'test', 'resources', 'previous'),
  };
  for (let i = 2; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, '');
    if (!(name in opts) || argv[i + 1] === undefined) {
      throw new Error(`unknown option or missing value: ${argv[i]}; options: ${Object.keys(opts).map((o) => '--' + o).join(' ')}`);
    }
    opts[name] = argv[i + 1];
  }
  opts.commune = opts.commune || `${opts.school}-COMMUNE`;
  opts.versions = opts.versions.split(',').map((v) => v.trim());
  if (opts.versions.length === 0 || opts.versions.some((v) => v !== 'previous' && v !== 'current')) {
    throw new Error(`--versions takes previous, current or both (comma-separated), not ${opts.versions}`);
  }
  return opts;
}

function readSchema(dir, name) {
  return fs.readFileSync(path.join(dir, `${name}.avsc`), 'utf8');
}

/** Registers a schema under the topic's value subject and returns a serializer that writes with it. */
async function serializerFor(client, topic, schemaText) {
  const subject = `${topic}-value`;
  const id = await client.register(subject, { schemaType: 'AVRO', schema: schemaText });
  const serializer = new AvroSerializer(client, SerdeType.VALUE, { useSchemaId: id });
  return { id, serializer };
}

async function main() {
  const opts = options(process.argv);
  const client = new SchemaRegistryClient({ baseURLs: [opts.registry] });
  const kafka = new Kafka({ clientId: 'edupulse-node-producer', brokers: opts.bootstrap.split(','), logLevel: logLevel.WARN });
  const producer = kafka.producer();
  await producer.connect();

  const STAFF = 'edupulse.staff.events';
  const TRAINING = 'edupulse.training.events';
  // previous versions first: under BACKWARD the registry takes the current one after them (the previous
  // StaffEvent cannot come after the current one: its actions lack TEAM_JOINED and TEAM_LEFT)
  const writers = {};
  for (const version of ['previous', 'current']) {
    if (opts.versions.includes(version)) {
      const dir = opts[version];
      writers[`${version}Staff`] = await serializerFor(client, STAFF, readSchema(dir, 'StaffEvent'));
      writers[`${version}Training`] = await serializerFor(client, TRAINING, readSchema(dir, 'TrainingEvent'));
    }
  }

  const heldAt = Date.now() - 3600 * 1000;
  const id = (suffix) => `node-${opts.run}-${suffix}`;
  const events = [
    ['previous', 'previousStaff', STAFF, {
      eventId: id('staff-1'), staffId: `NV-NODE-${opts.run}-1`, schoolId: opts.school,
      role: 'TEACHER', action: 'JOINED', occurredAt: heldAt,
    }],
    ['previous', 'previousTraining', TRAINING, {
      eventId: id('session-1'), schoolId: opts.school, sessionId: id('S1'), topic: 'STUDENT_DIGITAL_SKILLS',
      audience: 'STUDENTS', participantCount: 30, staffIds: [], hours: 1.5, occurredAt: heldAt, action: null,
    }],
    ['current', 'currentStaff', STAFF, {
      eventId: id('staff-2'), staffId: `NV-NODE-${opts.run}-2`, schoolId: opts.school,
      role: 'IT_TEACHER', action: 'JOINED', occurredAt: heldAt, teamCommuneId: null,
    }],
    ['current', 'currentStaff', STAFF, {
      eventId: id('staff-3'), staffId: `NV-NODE-${opts.run}-2`, schoolId: opts.school,
      role: 'IT_TEACHER', action: 'TEAM_JOINED', occurredAt: heldAt + 60 * 1000, teamCommuneId: opts.commune,
    }],
    ['current', 'currentTraining', TRAINING, {
      eventId: id('session-2'), schoolId: opts.school, sessionId: id('S2'), topic: 'STUDENT_DIGITAL_SKILLS',
      audience: 'STUDENTS', participantCount: 25, staffIds: [], hours: 1.5, occurredAt: heldAt, action: null,
      contents: ['ONLINE_PUBLIC_SERVICES', 'CYBERSPACE_SELF_PROTECTION'],
      trainerStaffId: `NV-NODE-${opts.run}-2`, trainerKind: 'IT_TEACHER',
    }],
  ].filter(([version]) => opts.versions.includes(version));
  for (const [version, writer, topic, value] of events) {
    const bytes = await writers[writer].serializer.serialize(topic, value);
    await producer.send({ topic, acks: -1, messages: [{ key: opts.school, value: bytes }] });
    console.log(JSON.stringify({ topic, version, schemaId: writers[writer].id, eventId: value.eventId }));
  }
  await producer.disconnect();
  console.log(JSON.stringify({ sent: events.length, school: opts.school }));
}

main().catch((e) => {
  console.error(`node producer failed: ${e && e.stack ? e.stack : e}`);
  process.exit(1);
});
