package org.edupulse.app;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.edupulse.gateway.GatewayConfig;
import org.edupulse.gateway.GatewayServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code edupulse gateway}: the HTTP gateway alone, for school systems that post JSON events. Any
 * number of instances may run against one cluster; they share the API keys through Kafka. Its
 * {@code gateway.*} settings come from {@code --config}, {@code EDUPULSE_GATEWAY_*} variables and
 * the {@code --host} and {@code --port} options, in increasing precedence.
 */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = "Run the HTTP gateway (POST /api/v1/events/{type}) against a running cluster.")
public final class GatewayCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--port", paramLabel = "PORT",
            description = "HTTP port (default: gateway.port of --config, else 8080).")
    Integer port;

    @Option(names = "--host", paramLabel = "HOST",
            description = "Interface to listen on (default: gateway.host of --config, else 127.0.0.1; 0.0.0.0 in a container).")
    String host;

    @Option(names = "--for", paramLabel = "DURATION", description = "Stop after this long (default: until Ctrl-C).")
    Duration runFor;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        final Map<String, String> options = new HashMap<>();
        if (host != null) {
            options.put(GatewayConfig.HOST_KEY, host);
        }
        if (port != null) {
            options.put(GatewayConfig.PORT_KEY, port.toString());
        }
        final EduPulseConfig config = connection.load(options);
        final GatewayConfig gatewayConfig = GatewayConfig.of(config.bootstrapServersOrLocal(), config.schemaRegistryUrlOrLocal())
                .withSettings(config.gatewaySettings()).withClientSettings(config.clientOverrides())
                .withTls(config.httpTls());
        try (StopSignal stop = StopSignal.onShutdown("edupulse-gateway-stop");
             GatewayServer server = GatewayServer.start(gatewayConfig)) {
            spec.commandLine().getOut().println("EduPulse gateway ready: " + server.url() + "/api/v1/events/{type}"
                    + " (OpenAPI at " + server.url() + "/api/v1/openapi.json)");
            spec.commandLine().getOut().flush();
            stop.await(runFor);
            return ExitCodes.OK;
        }
    }
}
