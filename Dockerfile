# EduPulse: one image for every command (gateway, pipeline, topics, simulate, import, keys).
# Build:  docker build -t edupulse:local .
# Run:    docker run --rm edupulse:local --help

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# bench and deploy-it hold benchmarks and tests only: building app and what it needs is enough.
# The cache mount keeps ~/.m2 between builds (BuildKit, the default builder).
RUN --mount=type=cache,target=/root/.m2 mvn -B -DskipTests -pl app -am package

FROM eclipse-temurin:17-jre
# curl for the compose healthchecks
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 edupulse \
    && useradd --system --uid 10001 --gid edupulse --home-dir /var/lib/edupulse --create-home edupulse
# edupulse.jar only: the embedded broker (edupulse-platform.jar, for `demo`) has no place in a deployment.
COPY --from=build /src/app/target/edupulse.jar /opt/edupulse/edupulse.jar
# The product's JVM options, as ./edupulse starts it.
COPY --from=build /src/app/jvm.options /opt/edupulse/jvm.options
USER edupulse:edupulse
WORKDIR /var/lib/edupulse
# Streams state and gateway key files live here; mount a volume to keep them.
VOLUME ["/var/lib/edupulse"]
EXPOSE 8080
ENTRYPOINT ["java","@/opt/edupulse/jvm.options","-jar","/opt/edupulse/edupulse.jar"]
CMD ["--help"]
