package io.infer4j.testkit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Method + path-regex routing table; the first route whose pattern matches wins. */
public final class Router {
    /** Handles one request. */
    @FunctionalInterface
    public interface Handler {
        Response handle(Request request) throws Exception;
    }

    /** One route: methods, full-path regex, operation name (for faults and the log), family. */
    public record Route(Set<String> methods, Pattern pattern, String operation, Family family, Handler handler) {
    }

    /** The result of routing: the route and its captured groups, or a 405 for a known path. */
    public record Match(Route route, List<String> params, boolean methodNotAllowed) {
    }

    private final List<Route> routes = new ArrayList<>();

    /** Adds a route; {@code regex} must match the whole path. */
    public Router add(String methods, String regex, String operation, Family family, Handler handler) {
        routes.add(new Route(Set.of(methods.split(",")), Pattern.compile(regex), operation, family, handler));
        return this;
    }

    /** The route for a request, or null when no pattern matches the path. */
    public Match find(String method, String path) {
        Route pathOnly = null;
        for (Route r : routes) {
            Matcher m = r.pattern().matcher(path);
            if (!m.matches()) {
                continue;
            }
            if (!r.methods().contains(method)) {
                pathOnly = pathOnly == null ? r : pathOnly;
                continue;
            }
            List<String> params = new ArrayList<>();
            for (int i = 1; i <= m.groupCount(); i++) {
                params.add(m.group(i));
            }
            return new Match(r, params, false);
        }
        return pathOnly == null ? null : new Match(pathOnly, List.of(), true);
    }
}
