package org.edupulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The secure compose profile has no default passwords: its scripts refuse to start without them. */
class SecureProfileScriptsTest {

    private static final Path SECURE = Path.of("..", "deploy", "secure");

    private static Result run(final String script, final Map<String, String> environment) throws Exception {
        final ProcessBuilder builder = new ProcessBuilder("bash", SECURE.resolve(script).toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.PIPE);
        builder.environment().keySet().removeIf(name -> name.endsWith("_PASSWORD"));
        builder.environment().putAll(environment);
        final Process process = builder.start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    @Test
    void shouldRefuseToCreateUsersWithoutPasswordsOrWithTheOldExamples() throws Exception {
        assertThat(new File(SECURE.resolve("setup.sh").toString())).exists();
        final Result none = run("setup.sh", Map.of());
        final Result example = run("setup.sh", Map.of("ADMIN_PASSWORD", "x1", "REGISTRY_PASSWORD", "x2",
                "GATEWAY_PASSWORD", "gateway-secret", "STREAMS_PASSWORD", "x4", "DASHBOARD_PASSWORD", "x5",
                "AUDITOR_PASSWORD", "x6"));

        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.output()).contains("ADMIN_PASSWORD", "EDUPULSE_ADMIN_PASSWORD");
        assertThat(example.exit()).isEqualTo(1);
        assertThat(example.output()).contains("GATEWAY_PASSWORD", "gateway-secret");
    }

    @Test
    void shouldRefuseToStartASecureNodeWithoutTheAdminPassword() throws Exception {
        final Result node = run("kafka-start.sh", Map.of("NODE_ROLE", "controller", "NODE_ID", "100"));

        assertThat(node.exit()).isEqualTo(1);
        assertThat(node.output()).contains("EDUPULSE_ADMIN_PASSWORD");
    }

    private record Result(int exit, String output) {
    }
}
