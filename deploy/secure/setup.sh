#!/bin/bash
# One-shot: creates the application principals' SCRAM credentials and their ACLs, as admin.
# Idempotent: adding an existing credential or ACL again changes nothing.
#
#   registry   the schema registry: its _schemas topic and group
#   gateway    writes the raw event topics only; reads the API-key topic
#   streams    reads raw events and the school reference, writes the outputs, owns its internal
#              topics, group and transactional ids (prefix = application id)
#   dashboard  reads the published indicators only
#   auditor    reads every edupulse topic (raw history and outputs) only
set -euo pipefail

# No default passwords: every principal's password must be given (docker-compose.secure.yml refuses
# to start without them; this guards a run started another way), and none may be one of the old
# documented examples. The brokers are reached over SASL_SSL, trusting /certs/truststore.p12.
for name in ADMIN REGISTRY GATEWAY STREAMS DASHBOARD AUDITOR; do
  var="${name}_PASSWORD"
  value="${!var:-}"
  lower="$(printf '%s' "${name}" | tr 'A-Z' 'a-z')"
  if [ -z "${value}" ] || [ "${value}" = "${lower}-secret" ]; then
    echo "setup.sh: ${var} is empty or the example '${lower}-secret': set EDUPULSE_${var} to a secret of your own" >&2
    exit 1
  fi
done
if [ -z "${TRUSTSTORE_PASSWORD:-}" ]; then
  echo "setup.sh: TRUSTSTORE_PASSWORD is empty: set EDUPULSE_TRUSTSTORE_PASSWORD" >&2
  exit 1
fi

BIN=/opt/kafka/bin
ADMIN=/tmp/admin.properties
APP="${APPLICATION_ID:-edupulse-indicators}"
printf 'security.protocol=SASL_SSL\nssl.truststore.type=PKCS12\nssl.truststore.location=%s\nssl.truststore.password=%s\nsasl.mechanism=SCRAM-SHA-512\nsasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="%s";\n' \
  "${CERTS_DIR:-/certs}/truststore.p12" "${TRUSTSTORE_PASSWORD}" "${ADMIN_PASSWORD}" > "${ADMIN}"
chmod 0600 "${ADMIN}"

RAW="edupulse.training.events edupulse.certification.events edupulse.device.events edupulse.staff.events"
REFERENCE="edupulse.school.reference"
OUTPUTS="edupulse.school.indicators edupulse.commune.indicators edupulse.district.indicators edupulse.province.indicators edupulse.indicator.periods edupulse.indicator.history edupulse.dead-letter edupulse.late.events edupulse.data-quality edupulse.entity.holders"
PUBLISHED="edupulse.school.indicators edupulse.commune.indicators edupulse.district.indicators edupulse.province.indicators edupulse.indicator.periods edupulse.indicator.history"
KEYS="edupulse.gateway.api-keys"
HOLDERS="edupulse.entity.holders"

user() {
  "${BIN}/kafka-configs.sh" --bootstrap-server "${BOOTSTRAP}" --command-config "${ADMIN}" --alter \
    --entity-type users --entity-name "$1" --add-config "SCRAM-SHA-512=[password=$2]"
}

acl() {
  "${BIN}/kafka-acls.sh" --bootstrap-server "${BOOTSTRAP}" --command-config "${ADMIN}" --add --force "$@" > /dev/null
}

topics() {
  local principal=$1 operation=$2
  shift 2
  for topic in "$@"; do
    acl --allow-principal "User:${principal}" --operation "${operation}" --topic "${topic}"
  done
}

user registry "${REGISTRY_PASSWORD}"
user gateway "${GATEWAY_PASSWORD}"
user streams "${STREAMS_PASSWORD}"
user dashboard "${DASHBOARD_PASSWORD}"
user auditor "${AUDITOR_PASSWORD}"

# registry: everything on its own topic and group
acl --allow-principal User:registry --operation All --topic _schemas
acl --allow-principal User:registry --operation All --group schema-registry
acl --allow-principal User:registry --operation DescribeConfigs --cluster

# gateway: write raw events; read (no group: it assigns partitions itself) the API keys and who holds
# each person and device
topics gateway Write ${RAW}
topics gateway Describe ${RAW}
topics gateway Read ${KEYS} ${HOLDERS}
topics gateway Describe ${KEYS} ${HOLDERS}

# streams: read inputs, write outputs, own the application's internal resources
topics streams Read ${RAW} ${REFERENCE}
topics streams Describe ${RAW} ${REFERENCE}
topics streams Write ${OUTPUTS}
# the query API and live stream of the same process read back what it published
topics streams Read ${OUTPUTS}
topics streams Describe ${OUTPUTS}
acl --allow-principal User:streams --operation All --resource-pattern-type prefixed --topic "${APP}"
acl --allow-principal User:streams --operation All --resource-pattern-type prefixed --group "${APP}"
acl --allow-principal User:streams --operation All --resource-pattern-type prefixed --transactional-id "${APP}"
acl --allow-principal User:streams --operation IdempotentWrite --cluster

# dashboard: read the published indicators, with groups of its own prefix
topics dashboard Read ${PUBLISHED}
topics dashboard Describe ${PUBLISHED}
acl --allow-principal User:dashboard --operation Read --resource-pattern-type prefixed --group edupulse-dashboard

# auditor: read every edupulse topic but the API key hashes (a deny wins over the prefixed allow), nothing else
acl --allow-principal User:auditor --operation Read --resource-pattern-type prefixed --topic edupulse.
acl --allow-principal User:auditor --operation Describe --resource-pattern-type prefixed --topic edupulse.
acl --deny-principal User:auditor --operation Read --topic ${KEYS}
acl --allow-principal User:auditor --operation Read --resource-pattern-type prefixed --group edupulse-audit

"${BIN}/kafka-acls.sh" --bootstrap-server "${BOOTSTRAP}" --command-config "${ADMIN}" --list
echo "EduPulse principals and ACLs are in place."
