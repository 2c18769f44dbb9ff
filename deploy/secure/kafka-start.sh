#!/bin/bash
# Starts one node of the secure KRaft cluster with the apache/kafka image's own tools.
# The image's env-to-properties entrypoint cannot bootstrap SCRAM credentials when it formats the
# storage, and the brokers need the admin's credential before they can replicate; so this script
# writes server.properties itself and formats with --add-scram (KIP-900) on the first start.
#
# Environment: NODE_ROLE (controller|broker), NODE_ID, CLUSTER_ID, ADMIN_PASSWORD, and for brokers
# ADVERTISED_HOST and EXTERNAL_PORT (the host port mapped to the container's 9092).
set -euo pipefail

# No default password: a secure node refuses to start without one (docker compose passes an unset
# EDUPULSE_ADMIN_PASSWORD as empty).
if [ -z "${ADMIN_PASSWORD:-}" ]; then
  echo "kafka-start.sh: ADMIN_PASSWORD is empty: set EDUPULSE_ADMIN_PASSWORD before starting the secure profile" >&2
  exit 1
fi

KAFKA=/opt/kafka
CONFIG=/tmp/server.properties
DATA=/var/lib/kafka/data
SCRAM_JAAS="org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\"${ADMIN_PASSWORD}\";"
# The controller listener cannot use SCRAM (its credentials live in the metadata it serves): PLAIN there.
PLAIN_JAAS="org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" password=\"${ADMIN_PASSWORD}\" user_admin=\"${ADMIN_PASSWORD}\";"

{
  cat /deploy/secure/common.properties
  echo "node.id=${NODE_ID}"
  echo "log.dirs=${DATA}"
  echo "listener.name.controller.plain.sasl.jaas.config=${PLAIN_JAAS}"
  if [ "${NODE_ROLE}" = controller ]; then
    cat /deploy/secure/controller.properties
  else
    cat /deploy/secure/broker.properties
    echo "advertised.listeners=BROKER://${ADVERTISED_HOST}:29092,CLIENT://localhost:${EXTERNAL_PORT}"
    echo "listener.name.broker.scram-sha-512.sasl.jaas.config=${SCRAM_JAAS}"
  fi
} > "${CONFIG}"

# Client settings for the healthchecks and for operators using `docker compose exec`.
if [ "${NODE_ROLE}" = controller ]; then
  printf 'security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\nsasl.jaas.config=%s\n' "${PLAIN_JAAS}" > /tmp/admin.properties
else
  printf 'security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\nsasl.jaas.config=%s\n' "${SCRAM_JAAS}" > /tmp/admin.properties
fi

if [ ! -f "${DATA}/meta.properties" ]; then
  if [ "${NODE_ROLE}" = controller ]; then
    "${KAFKA}/bin/kafka-storage.sh" format --cluster-id "${CLUSTER_ID}" --config "${CONFIG}" --ignore-formatted \
      --add-scram "SCRAM-SHA-512=[name=admin,password=${ADMIN_PASSWORD}]"
  else
    "${KAFKA}/bin/kafka-storage.sh" format --cluster-id "${CLUSTER_ID}" --config "${CONFIG}" --ignore-formatted
  fi
fi

exec "${KAFKA}/bin/kafka-server-start.sh" "${CONFIG}"
