package dev.plinth.rest.internal;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.plinth.api.BatchResult;
import dev.plinth.api.Options;
import dev.plinth.api.Plan;
import dev.plinth.api.PluginException;
import dev.plinth.api.PluginManager;
import dev.plinth.api.plugin.PluginRoutes;
import dev.plinth.api.catalog.Catalog;
import dev.plinth.api.catalog.Change;
import dev.plinth.api.catalog.PluginSet;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The catalogue endpoints under {@code /api/catalog}, each one {@link Catalog} call: what is available and outdated,
 * install by name, update, pins, and plugin sets to export and apply. Registered only while a catalogue runs.
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.name=plinth-catalog-api",
    "osgi.http.whiteboard.servlet.pattern=/api/catalog",
    "osgi.http.whiteboard.servlet.pattern=/api/catalog/*"})
public final class CatalogApi extends ApiServlet {

    private static final long serialVersionUID = 1L;
    private static final int MAX_SET_BYTES = 1 << 20;

    private final transient Catalog catalog;
    private final transient Responses responses;
    private final transient PlanAnswer planAnswer;

    @Activate
    public CatalogApi(@Reference Catalog catalog, @Reference PluginManager manager, @Reference PluginRoutes routes,
            @Reference Authentication authentication,
            @Reference(service = LoggerFactory.class) Logger log) {
        super(new Responses(new Json()), log, authentication);
        this.catalog = catalog;
        this.responses = responses();
        this.planAnswer = new PlanAnswer(responses, manager, routes);
    }

    @Override
    void route(HttpServletRequest request, HttpServletResponse response, List<String> path, Query query)
            throws ApiException, PluginException, IOException {
        String method = request.getMethod();
        String first = path.isEmpty() ? "" : path.get(0);
        Options asked = Options.DEFAULT.withOrigin(Principal.originOf(request));
        if (path.isEmpty()) {
            Requests.requireGet(method);
            responses.send(response, 200, catalog.available(query.only(Set.of("filter")).text("filter")));
        } else if (path.size() == 1 && first.equals("outdated")) {
            Requests.requireGet(method);
            query.only(Set.of());
            responses.send(response, 200, catalog.outdated());
        } else if (path.size() == 1 && first.equals("export")) {
            Requests.requireGet(method);
            query.only(Set.of());
            responses.send(response, 200, catalog.toJson(catalog.export()));
        } else if (path.size() == 1 && first.equals("apply")) {
            requirePost(method);
            Options options = asked.withSimulate(query.only(Set.of("dryRun")).flag("dryRun"));
            PluginSet wanted = catalog.parse(Requests.body(request, MAX_SET_BYTES));
            responses.send(response, 200, new Changes(options.simulate(), catalog.apply(wanted, options)));
        } else if (path.size() == 1 && first.equals("update")) {
            requirePost(method);
            query.only(Set.of());
            responses.send(response, 200, updates(catalog.updateAll(asked)));
        } else if (path.size() == 1 && first.equals("pins")) {
            Requests.requireGet(method);
            query.only(Set.of());
            responses.send(response, 200, List.copyOf(catalog.pinned()));
        } else if (path.size() == 2) {
            pluginPath(request.getMethod(), first, path.get(1), query, response, asked);
        } else {
            throw noEndpoint(request);
        }
    }

    /**
     * {@code /api/catalog/pins/{id}} takes PUT and DELETE, {@code /api/catalog/{id}/install} and {@code update} take
     * POST: a plugin whose id is {@code pins} is installed by a POST to {@code /api/catalog/pins/install}.
     */
    private void pluginPath(String method, String first, String second, Query query, HttpServletResponse response,
            Options asked) throws ApiException, PluginException, IOException {
        boolean pinPath = first.equals("pins");
        boolean verbPath = second.equals("install") || second.equals("update");
        if (pinPath && (method.equals("PUT") || method.equals("DELETE"))) {
            pin(method, Requests.id(second), query, response);
        } else if (verbPath && method.equals("POST")) {
            plugin(Requests.id(first), second, query, response, asked);
        } else if (pinPath || verbPath) {
            throw pinPath && verbPath ? Requests.notAllowed(method, "POST", "PUT", "DELETE")
                    : pinPath ? Requests.notAllowed(method, "PUT", "DELETE") : Requests.notAllowed(method, "POST");
        } else {
            throw new ApiException(404, "NO_SUCH_ENDPOINT", "no verb " + second
                    + "; a catalogue plugin has install and update");
        }
    }

    private static ApiException noEndpoint(HttpServletRequest request) {
        return new ApiException(404, "NO_SUCH_ENDPOINT", "no endpoint " + request.getMethod() + " "
                + request.getRequestURI() + "; see /api/openapi.json");
    }

    private void plugin(String id, String verb, Query query, HttpServletResponse response, Options asked)
            throws ApiException, PluginException, IOException {
        if (verb.equals("install")) {
            query.only(Set.of("version", "enable", "dryRun"));
            Plan plan = catalog.install(id, query.text("version"),
                    asked.withSimulate(query.flag("dryRun")).withEnable(query.flag("enable")));
            if (!plan.simulated()) {
                response.setHeader("Location", "/api/plugins/" + plan.target());
            }
            planAnswer.send(response, plan.simulated() ? 200 : 201, plan);
        } else {
            planAnswer.send(response, 200,
                    catalog.update(id, asked.withSimulate(query.only(Set.of("dryRun")).flag("dryRun"))));
        }
    }

    private void pin(String method, String id, Query query, HttpServletResponse response)
            throws ApiException, PluginException, IOException {
        query.only(Set.of());
        if (method.equals("PUT")) {
            catalog.pin(id);
        } else {
            catalog.unpin(id);
        }
        responses.send(response, 200, new Pin(id, catalog.pinned().contains(id)));
    }

    private static void requirePost(String method) throws ApiException {
        if (!method.equals("POST")) {
            throw Requests.notAllowed(method, "POST");
        }
    }

    /** The answer to an apply: whether it was simulated, and the changes. */
    record Changes(boolean simulated, List<Change> changes) {
    }

    /** The answer to a pin or unpin. */
    record Pin(String id, boolean pinned) {
    }

    /** One plugin of an update of all: its id, version, whether it was updated, and why not. */
    record Update(String id, String version, boolean updated,
            @JsonInclude(JsonInclude.Include.NON_NULL) Json.ProblemDocument problem) {
    }

    private List<Update> updates(List<BatchResult> results) {
        return results.stream().map(result -> new Update(result.id(), result.version(), result.succeeded(),
                result.succeeded() ? null : responses.json().problem(Problem.of(result.failure())))).toList();
    }
}
