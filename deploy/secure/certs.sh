#!/bin/bash
# One-shot: the TLS material of the secure stack, made with keytool when it first starts, never
# committed. A private CA for this deployment signs
#   kafka-<node id>.p12   one PKCS12 keystore per Kafka node (SAN: its compose host name and localhost)
#   http.p12              the HTTP edge's keystore, shared by the gateway and the pipelines, which
#                         forward queries to each other over HTTPS (SAN: every edge host and localhost)
# and clients trust it through truststore.p12 (PKCS12) or ca.pem (for curl). The CA's private key
# lives only in a temporary directory while this script runs: nobody can issue more certificates,
# and new ones mean deleting the certificate volume and starting again.
# Idempotent: when every file is there it changes nothing.
#
# Environment: KAFKA_KEYSTORE_PASSWORD, HTTP_KEYSTORE_PASSWORD, TRUSTSTORE_PASSWORD (required, at
# least 6 characters: keytool's minimum), CERTS_DIR (default /certs), KEYTOOL (default keytool on
# the PATH, else $JAVA_HOME/bin/keytool), VALIDITY_DAYS (default 825), and, when run as root,
# KAFKA_UID and EDUPULSE_UID: the users that own the keystores (1000, apache/kafka's appuser, and
# 10001, the edupulse image's user).
set -euo pipefail

for var in KAFKA_KEYSTORE_PASSWORD HTTP_KEYSTORE_PASSWORD TRUSTSTORE_PASSWORD; do
  value="${!var:-}"
  if [ "${#value}" -lt 6 ]; then
    echo "certs.sh: ${var} is empty or shorter than 6 characters: set EDUPULSE_${var} to a secret of your own" >&2
    exit 1
  fi
done

CERTS_DIR="${CERTS_DIR:-/certs}"
VALIDITY_DAYS="${VALIDITY_DAYS:-825}"
if [ -z "${KEYTOOL:-}" ]; then
  KEYTOOL="$(command -v keytool || echo "${JAVA_HOME:-/usr}/bin/keytool")"
fi
# node id -> host name, as in docker-compose.secure.yml
NODES="100:secure-controller 1:secure-kafka-1 2:secure-kafka-2 3:secure-kafka-3"
HTTP_SAN="dns:secure-gateway,dns:secure-pipeline-1,dns:secure-pipeline-2,dns:localhost,ip:127.0.0.1"

expected=(truststore.p12 ca.pem http.p12)
for node in ${NODES}; do
  expected+=("kafka-${node%%:*}.p12")
done
missing=0
for file in "${expected[@]}"; do
  [ -f "${CERTS_DIR}/${file}" ] || missing=1
done
if [ "${missing}" = 0 ]; then
  echo "certs.sh: the certificates in ${CERTS_DIR} are in place."
  exit 0
fi

WORK="$(mktemp -d)"
trap 'rm -rf "${WORK}"' EXIT
CA="${WORK}/ca.p12"
CA_PASSWORD="$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
OUT="${WORK}/out"
mkdir -p "${OUT}"

"${KEYTOOL}" -genkeypair -alias ca -keyalg EC -groupname secp256r1 -dname "CN=EduPulse secure profile CA" \
  -ext bc:c -validity "${VALIDITY_DAYS}" -storetype PKCS12 -keystore "${CA}" -storepass "${CA_PASSWORD}"
"${KEYTOOL}" -exportcert -rfc -alias ca -keystore "${CA}" -storepass "${CA_PASSWORD}" -file "${OUT}/ca.pem"
"${KEYTOOL}" -importcert -noprompt -alias edupulse-ca -file "${OUT}/ca.pem" -storetype PKCS12 \
  -keystore "${OUT}/truststore.p12" -storepass "${TRUSTSTORE_PASSWORD}"

# issue FILE CN SAN PASSWORD: a key pair in FILE, its certificate signed by the CA, chained to it
issue() {
  local file=$1 cn=$2 san=$3 password=$4
  "${KEYTOOL}" -genkeypair -alias server -keyalg EC -groupname secp256r1 -dname "CN=${cn}" \
    -validity "${VALIDITY_DAYS}" -storetype PKCS12 -keystore "${OUT}/${file}" -storepass "${password}"
  "${KEYTOOL}" -certreq -alias server -keystore "${OUT}/${file}" -storepass "${password}" -file "${WORK}/${file}.csr"
  "${KEYTOOL}" -gencert -alias ca -keystore "${CA}" -storepass "${CA_PASSWORD}" -rfc \
    -infile "${WORK}/${file}.csr" -outfile "${WORK}/${file}.crt" -validity "${VALIDITY_DAYS}" \
    -ext "SAN=${san}" -ext EKU=serverAuth,clientAuth
  "${KEYTOOL}" -importcert -noprompt -alias ca -file "${OUT}/ca.pem" -keystore "${OUT}/${file}" -storepass "${password}"
  "${KEYTOOL}" -importcert -alias server -file "${WORK}/${file}.crt" -keystore "${OUT}/${file}" -storepass "${password}"
}

for node in ${NODES}; do
  id="${node%%:*}"
  host="${node#*:}"
  issue "kafka-${id}.p12" "${host}" "dns:${host},dns:localhost" "${KAFKA_KEYSTORE_PASSWORD}"
done
issue http.p12 secure-edge "${HTTP_SAN}" "${HTTP_KEYSTORE_PASSWORD}"

# Each keystore readable by the one user that serves with it; the CA certificate by everyone.
chmod 0400 "${OUT}"/kafka-*.p12 "${OUT}/http.p12"
chmod 0444 "${OUT}/truststore.p12" "${OUT}/ca.pem"
if [ "$(id -u)" = 0 ]; then
  chown "${KAFKA_UID:-1000}" "${OUT}"/kafka-*.p12
  chown "${EDUPULSE_UID:-10001}" "${OUT}/http.p12"
fi
mkdir -p "${CERTS_DIR}"
chmod 0755 "${CERTS_DIR}"
# the truststore last: a run stopped half-way leaves a file missing, and the next run starts over
for file in "${expected[@]}"; do
  [ "${file}" = truststore.p12 ] || mv -f "${OUT}/${file}" "${CERTS_DIR}/${file}"
done
mv -f "${OUT}/truststore.p12" "${CERTS_DIR}/truststore.p12"
echo "certs.sh: made the CA, the Kafka and HTTP keystores and the truststore in ${CERTS_DIR}."
