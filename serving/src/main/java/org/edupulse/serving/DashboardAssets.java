package org.edupulse.serving;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.zip.GZIPOutputStream;

/**
 * The dashboard's static files, from the classpath: the page itself and the chart library from the
 * echarts webjar, so the page works with no internet. Nothing is inline (the icon too is a file), as
 * the Content-Security-Policy of {@link SecurityHeaders} requires. Only the listed paths exist (no file-system
 * lookups, so no path traversal); everything is read once and gzipped once at start-up.
 */
final class DashboardAssets implements HttpHandler {

    private static final String WEBJAR_PROPERTIES = "META-INF/maven/org.webjars.npm/echarts/pom.properties";
    private static final String NO_CACHE = "no-cache";
    private static final String ONE_DAY = "public, max-age=86400";

    /** One file: its type, cache policy and bytes (plain and gzipped). */
    private record Asset(String contentType, String cacheControl, byte[] plain, byte[] gzipped) {
    }

    private final Map<String, Asset> assets = new HashMap<>();

    DashboardAssets() {
        final Asset page = load("dashboard/index.html", "text/html; charset=utf-8", NO_CACHE);
        assets.put("/", page);
        assets.put("/index.html", page);
        assets.put("/dashboard.css", load("dashboard/dashboard.css", "text/css; charset=utf-8", NO_CACHE));
        assets.put("/dashboard.js", load("dashboard/dashboard.js", "text/javascript; charset=utf-8", NO_CACHE));
        assets.put("/dashboard-i18n.js", load("dashboard/dashboard-i18n.js", "text/javascript; charset=utf-8", NO_CACHE));
        assets.put("/favicon.svg", load("dashboard/favicon.svg", "image/svg+xml", NO_CACHE));
        assets.put("/assets/echarts.min.js", load("META-INF/resources/webjars/echarts/" + echartsVersion()
                + "/dist/echarts.min.js", "text/javascript; charset=utf-8", ONE_DAY));
    }

    @Override
    public void handle(final HttpExchange exchange) throws IOException {
        final String method = exchange.getRequestMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            Exchanges.send(exchange, Reply.error(405, "only GET is allowed here").withHeader("Allow", "GET, HEAD"));
            return;
        }
        final Asset asset = assets.get(exchange.getRequestURI().getPath());
        if (asset == null) {
            Exchanges.send(exchange, Reply.error(404, "no such page: " + exchange.getRequestURI().getPath()));
            return;
        }
        final String accepts = exchange.getRequestHeaders().getFirst("Accept-Encoding");
        final boolean gzip = accepts != null && accepts.contains("gzip");
        final Reply reply = new Reply(200, asset.contentType(), gzip ? asset.gzipped() : asset.plain(),
                Map.of("Cache-Control", asset.cacheControl(), "Vary", "Accept-Encoding"));
        Exchanges.send(exchange, gzip ? reply.withHeader("Content-Encoding", "gzip") : reply);
    }

    /** The version of the bundled echarts webjar, so a dependency bump needs no code change. */
    static String echartsVersion() {
        try (InputStream in = resource(WEBJAR_PROPERTIES)) {
            final Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot read " + WEBJAR_PROPERTIES, e);
        }
    }

    private static Asset load(final String path, final String contentType, final String cacheControl) {
        try (InputStream in = resource(path)) {
            final byte[] plain = in.readAllBytes();
            final ByteArrayOutputStream buffer = new ByteArrayOutputStream(plain.length / 3 + 64);
            try (GZIPOutputStream gzip = new GZIPOutputStream(buffer)) {
                gzip.write(plain);
            }
            return new Asset(contentType, cacheControl, plain, buffer.toByteArray());
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot read the dashboard asset " + path, e);
        }
    }

    private static InputStream resource(final String path) throws IOException {
        final InputStream in = DashboardAssets.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IOException("missing from the classpath: " + path);
        }
        return in;
    }
}
