package dev.plinth.rest.internal;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import dev.plinth.api.PluginException;
import dev.plinth.api.catalog.Catalog;
import dev.plinth.api.catalog.PluginSet;
import dev.plinth.api.fleet.Fleet;
import dev.plinth.api.fleet.Publication;
import dev.plinth.api.fleet.Rollout;

/**
 * The fleet under {@code /api/fleet}: {@code GET /api/fleet} (the group's status), {@code GET /api/fleet/nodes},
 * {@code GET /api/fleet/generations[?limit=N]}, {@code GET /api/fleet/generations/{n}}, {@code POST
 * /api/fleet/generations[?dryRun]} (publish; 201, 200 for a dry run) and
 * {@code POST /api/fleet/rollback[?dryRun][&basedOn=N]}, each one {@link Fleet} call answered with the API's
 * records. Without a {@code Fleet} service (this runtime is no node of a fleet), 503 {@code FLEET_UNAVAILABLE};
 * the method, query and body are checked first, so that a wrong request is refused the same way on every runtime.
 * Who publishes is the request's origin at this node ({@code rest:admin@node-a}).
 */
final class FleetApi {

    static final int MAX_BODY_BYTES = 1 << 20;
    static final String NOT_A_NODE = "this runtime is not a node of a fleet: etc/dev.plinth.fleet.cfg.json is missing or "
            + "invalid (the log says why)";
    private static final int HISTORY_DEFAULT = 20;
    private static final int HISTORY_MAX = 1000;

    /** Reads the request body. */
    @FunctionalInterface
    interface Body {
        String read() throws ApiException, IOException;
    }

    /**
     * An answer: its status, its document, and for a publish the generation's address.
     *
     * @param location the {@code Location} of a new generation, or {@code null}
     */
    record Answer(int status, Object body, String location) {
    }

    private final Supplier<Fleet> fleet;
    private final Supplier<Catalog> catalog;

    FleetApi(Supplier<Fleet> fleet, Supplier<Catalog> catalog) {
        this.fleet = fleet;
        this.catalog = catalog;
    }

    /**
     * The answer to {@code method} on {@code /api/fleet/<path>}, or {@code null} when no fleet endpoint has the path.
     */
    Answer answer(String method, List<String> path, Query query, Body body, String origin)
            throws ApiException, PluginException, IOException {
        if (path.isEmpty()) {
            Requests.requireGet(method);
            query.only(Set.of());
            return ok(service().status());
        }
        String first = path.get(0);
        if (path.size() == 1 && first.equals("nodes")) {
            Requests.requireGet(method);
            query.only(Set.of());
            return ok(service().nodes());
        }
        if (path.size() == 1 && first.equals("generations")) {
            if (method.equals("GET")) {
                int limit = query.only(Set.of("limit")).number("limit", HISTORY_DEFAULT, 1, HISTORY_MAX);
                return ok(service().history(limit));
            }
            if (!method.equals("POST")) {
                throw Requests.notAllowed(method, "GET", "POST");
            }
            boolean dryRun = query.only(Set.of("dryRun")).flag("dryRun");
            return publish(body, dryRun, origin);
        }
        if (path.size() == 2 && first.equals("nodes")) {
            if (!method.equals("DELETE")) {
                throw Requests.notAllowed(method, "DELETE");
            }
            query.only(Set.of());
            Fleet service = service();
            service.forget(path.get(1));
            return ok(service.nodes());
        }
        if (path.size() == 2 && first.equals("generations")) {
            Requests.requireGet(method);
            query.only(Set.of());
            long number = generationNumber(path.get(1));
            Fleet service = service();
            return ok(service.generation(number).orElseThrow(() -> new ApiException(404, "NOT_FOUND",
                    "no generation " + number + " in group " + service.self().group()
                            + " (GET /api/fleet/generations lists them)")));
        }
        if (path.size() == 1 && first.equals("rollback")) {
            if (!method.equals("POST")) {
                throw Requests.notAllowed(method, "POST");
            }
            Query known = query.only(Set.of("dryRun", "basedOn"));
            boolean dryRun = known.flag("dryRun");
            int basedOn = known.number("basedOn", 0, 0, Integer.MAX_VALUE);
            Fleet service = service();
            return ok(service.rollback(basedOn, by(service, origin), dryRun));
        }
        return null;
    }

    /** A publish: the body and its plugin set are read (400, 413) before the fleet is asked (503). */
    private Answer publish(Body body, boolean dryRun, String origin)
            throws ApiException, PluginException, IOException {
        FleetPublish request = FleetPublish.parse(body.read());
        Catalog sets = catalog.get();
        if (sets == null) {
            throw new ApiException(503, "CATALOG_UNAVAILABLE", "plugin sets are read by the catalogue, which is not "
                    + "running (the bundle dev.plinth.catalog)");
        }
        PluginSet plugins = sets.parse(request.plugins());
        Fleet service = service();
        Publication publication = service.publish(plugins, new Rollout(request.canaries(), request.canarySeconds(),
                request.autoRollback()), request.basedOn(), by(service, origin), dryRun);
        return publication.simulated() ? ok(publication) : new Answer(201, publication,
                "/api/fleet/generations/" + publication.generation().number());
    }

    private static long generationNumber(String segment) throws ApiException {
        try {
            long number = Long.parseLong(segment);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiException.badRequest("'" + segment + "' is not a generation number (1, 2, ...)");
    }

    private Fleet service() throws ApiException {
        Fleet service = fleet.get();
        if (service == null) {
            throw new ApiException(503, PluginException.Code.FLEET_UNAVAILABLE.name(), NOT_A_NODE);
        }
        return service;
    }

    /** Who publishes: the request's origin at this node ({@code rest:admin@node-a}). */
    private static String by(Fleet service, String origin) {
        return origin + "@" + service.self().name();
    }

    private static Answer ok(Object body) {
        return new Answer(200, body, null);
    }
}
