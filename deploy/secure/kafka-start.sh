#!/bin/bash
# Starts one node of the secure KRaft cluster with the apache/kafka image's own tools.
# The image's env-to-properties entrypoint cannot bootstrap SCRAM credentials when it formats the
# storage, and the brokers need the admin's credential before they can replicate; so this script
# writes server.properties itself and formats with --add-scram (KIP-900) on the first start.
#
# Every listener speaks SASL_SSL with the node's keystore /certs/kafka-<NODE_ID>.p12 (made by
# certs.sh, signed by the deployment's CA) and trusts that CA through /certs/truststore.p12.
#
# Environment: NODE_ROLE (controller|broker), NODE_ID, CLUSTER_ID, ADMIN_PASSWORD,
# KAFKA_KEYSTORE_PASSWORD, TRUSTSTORE_PASSWORD, and for brokers ADVERTISED_HOST and EXTERNAL_PORT
# (the host port mapped to the container's 9092).
set -euo pipefail

# No default password: a secure node refuses to start without its secrets (docker-compose.secure.yml
# already refuses to start without them; this guards a node started another way).
for var in ADMIN_PASSWORD KAFKA_KEYSTORE_PASSWORD TRUSTSTORE_PASSWORD; do
  if [ -z "${!var:-}" ]; then
    echo "kafka-start.sh: ${var} is empty: set EDUPULSE_${var} before starting the secure profile" >&2
    exit 1
  fi
done
CERTS="${CERTS_DIR:-/certs}"

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
  echo "ssl.keystore.location=${CERTS}/kafka-${NODE_ID}.p12"
  echo "ssl.keystore.password=${KAFKA_KEYSTORE_PASSWORD}"
  echo "ssl.truststore.location=${CERTS}/truststore.p12"
  echo "ssl.truststore.password=${TRUSTSTORE_PASSWORD}"
  if [ "${NODE_ROLE}" = controller ]; then
    cat /deploy/secure/controller.properties
  else
    cat /deploy/secure/broker.properties
    echo "advertised.listeners=BROKER://${ADVERTISED_HOST}:29092,CLIENT://localhost:${EXTERNAL_PORT}"
    echo "listener.name.broker.scram-sha-512.sasl.jaas.config=${SCRAM_JAAS}"
  fi
} > "${CONFIG}"

# Client settings for the healthchecks and for operators using `docker compose exec` (they reach the
# node as localhost, which its certificate names).
if [ "${NODE_ROLE}" = controller ]; then
  MECHANISM=PLAIN
  CLIENT_JAAS="${PLAIN_JAAS}"
else
  MECHANISM=SCRAM-SHA-512
  CLIENT_JAAS="${SCRAM_JAAS}"
fi
printf 'security.protocol=SASL_SSL\nssl.truststore.type=PKCS12\nssl.truststore.location=%s\nssl.truststore.password=%s\nsasl.mechanism=%s\nsasl.jaas.config=%s\n' \
  "${CERTS}/truststore.p12" "${TRUSTSTORE_PASSWORD}" "${MECHANISM}" "${CLIENT_JAAS}" > /tmp/admin.properties
chmod 0600 "${CONFIG}" /tmp/admin.properties

if [ ! -f "${DATA}/meta.properties" ]; then
  if [ "${NODE_ROLE}" = controller ]; then
    "${KAFKA}/bin/kafka-storage.sh" format --cluster-id "${CLUSTER_ID}" --config "${CONFIG}" --ignore-formatted \
      --add-scram "SCRAM-SHA-512=[name=admin,password=${ADMIN_PASSWORD}]"
  else
    "${KAFKA}/bin/kafka-storage.sh" format --cluster-id "${CLUSTER_ID}" --config "${CONFIG}" --ignore-formatted
  fi
fi

exec "${KAFKA}/bin/kafka-server-start.sh" "${CONFIG}"
