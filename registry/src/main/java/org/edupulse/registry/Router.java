package org.edupulse.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Matches a method and decoded path segments against templates such as
 * {@code /subjects/{subject}/versions}, telling "no such resource" (404) apart from "resource
 * exists but not with this method" (405).
 */
final class Router {

    /** Handles one matched request. */
    @FunctionalInterface
    interface Handler {
        Response handle(Request request);
    }

    /** A matched route with its path variables. */
    record Match(Handler handler, Map<String, String> variables) {
    }

    private record Route(String method, List<String> template, Handler handler) {
    }

    private final List<Route> routes = new ArrayList<>();

    Router add(final String method, final String template, final Handler handler) {
        routes.add(new Route(method, segments(template), handler));
        return this;
    }

    /** The route for this method and path, if any. */
    Optional<Match> match(final String method, final List<String> path) {
        for (final Route route : routes) {
            final Optional<Map<String, String>> variables = bind(route.template(), path);
            if (variables.isPresent() && route.method().equals(method)) {
                return Optional.of(new Match(route.handler(), variables.get()));
            }
        }
        return Optional.empty();
    }

    /** Whether some route serves this path with any method: tells 405 from 404. */
    boolean knows(final List<String> path) {
        return routes.stream().anyMatch(route -> bind(route.template(), path).isPresent());
    }

    private static Optional<Map<String, String>> bind(final List<String> template, final List<String> path) {
        if (template.size() != path.size()) {
            return Optional.empty();
        }
        final Map<String, String> variables = new HashMap<>();
        for (int i = 0; i < template.size(); i++) {
            final String part = template.get(i);
            if (part.startsWith("{") && part.endsWith("}")) {
                if (path.get(i).isEmpty()) {
                    return Optional.empty();
                }
                variables.put(part.substring(1, part.length() - 1), path.get(i));
            } else if (!part.equals(path.get(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(variables);
    }

    private static List<String> segments(final String template) {
        return List.of(template.split("/")).stream().filter(s -> !s.isEmpty()).toList();
    }
}
