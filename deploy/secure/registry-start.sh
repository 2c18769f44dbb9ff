#!/bin/bash
# Starts Confluent's schema registry (cp-schema-registry) behind HTTP Basic authentication, as
# Confluent documents it: SCHEMA_REGISTRY_AUTHENTICATION_METHOD=BASIC, _REALM and _ROLES from the
# compose file, and a JAAS file whose realm uses Jetty's PropertyFileLoginModule over a user file.
# Both files are written here, into the container's /tmp, from REGISTRY_HTTP_PASSWORD: no password
# is committed or kept in a volume. The one user, edupulse, has the role user.
#
# Environment: REGISTRY_HTTP_PASSWORD (required), SCHEMA_REGISTRY_AUTHENTICATION_REALM (the JAAS
# section's name), and the image's own SCHEMA_REGISTRY_* settings.
set -euo pipefail

if [ -z "${REGISTRY_HTTP_PASSWORD:-}" ]; then
  echo "registry-start.sh: REGISTRY_HTTP_PASSWORD is empty: set EDUPULSE_REGISTRY_HTTP_PASSWORD" >&2
  exit 1
fi
REALM="${SCHEMA_REGISTRY_AUTHENTICATION_REALM:?registry-start.sh: SCHEMA_REGISTRY_AUTHENTICATION_REALM is not set}"
AUTH_DIR="${REGISTRY_AUTH_DIR:-/tmp/registry-auth}"

mkdir -p "${AUTH_DIR}"
chmod 0700 "${AUTH_DIR}"
# user: password,role (Jetty's property file format)
printf 'edupulse: %s,user\n' "${REGISTRY_HTTP_PASSWORD}" > "${AUTH_DIR}/users.properties"
cat > "${AUTH_DIR}/jaas.conf" <<JAAS
${REALM} {
  org.eclipse.jetty.jaas.spi.PropertyFileLoginModule required
  file="${AUTH_DIR}/users.properties"
  debug="false";
};
JAAS
chmod 0600 "${AUTH_DIR}/users.properties" "${AUTH_DIR}/jaas.conf"

export SCHEMA_REGISTRY_OPTS="${SCHEMA_REGISTRY_OPTS:-} -Djava.security.auth.login.config=${AUTH_DIR}/jaas.conf"
if [ -n "${REGISTRY_AUTH_DRY_RUN:-}" ]; then
  echo "registry-start.sh: wrote ${AUTH_DIR}/jaas.conf and ${AUTH_DIR}/users.properties"
  exit 0
fi
exec /etc/confluent/docker/run
