package dev.plinth.rest.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

import dev.plinth.api.DeployDirectory;
import dev.plinth.api.Operation;
import dev.plinth.api.Options;
import dev.plinth.api.Plan;
import dev.plinth.api.plugin.PlinthProperties;
import dev.plinth.api.PluginException;
import dev.plinth.api.PluginInfo;
import dev.plinth.api.PluginManager;
import dev.plinth.api.plugin.PluginRoutes;
import dev.plinth.api.PluginState;
import dev.plinth.api.catalog.Catalog;
import dev.plinth.api.fleet.Fleet;
import dev.plinth.api.settings.PluginSettings;
import dev.plinth.api.storage.PluginStorage;
import dev.plinth.common.documents.OperationDocument;
import dev.plinth.common.documents.PluginDetailsDocument;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The management endpoints under {@code /api/}: plugins, their verbs, the history, the health, the deploy directory
 * and the fleet ({@link FleetApi}), each a thin translation of one call of the API. The caller was authenticated before (see {@link Authentication});
 * failures are answered as problems with the manager's code.
 */
@Component(service = Servlet.class, configurationPid = RestConfiguration.PID, property = {
    "osgi.http.whiteboard.servlet.name=plinth-api",
    "osgi.http.whiteboard.servlet.pattern=/api/*"})
@Designate(ocd = RestConfiguration.class)
public final class ManagementApi extends ApiServlet {

    private static final long serialVersionUID = 1L;
    private static final int HISTORY_DEFAULT = 50;
    private static final int HISTORY_MAX = 1000;
    private static final Duration HEALTH_CHECK_LIMIT = Duration.ofSeconds(5);

    private final transient PluginManager manager;
    private final transient Responses responses;
    private final transient RenderedList pluginList;
    private final transient Uploads uploads;
    private final transient PluginRoutes routes;
    private final transient PlanAnswer planAnswer;
    private final transient BundleContext context;
    private final transient SettingsApi settingsApi;
    private final transient StorageApi storageApi;
    private final transient FleetApi fleetApi;
    private final transient HealthChecks healthChecks;

    /** The plugins' settings, or {@code null} while the settings bundle is not running. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile PluginSettings settings;

    /** The plugins' storage, or {@code null} while the storage bundle is not running. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile PluginStorage storage;

    /** This runtime's fleet, or {@code null} while it is no node of one. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile Fleet fleet;

    /** The catalogues, which read plugin sets, or {@code null} while the catalogue bundle is not running. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile Catalog catalog;

    /** The watched deploy directory, or {@code null} while the deploy bundle is not running. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile DeployDirectory deployDirectory;

    @Activate
    public ManagementApi(BundleContext context, RestConfiguration config, @Reference PluginManager manager,
            @Reference PluginRoutes routes, @Reference Authentication authentication,
            @Reference(service = LoggerFactory.class) Logger log) {
        super(new Responses(new Json()), log, authentication);
        this.context = context;
        this.manager = manager;
        this.routes = routes;
        this.responses = responses();
        this.pluginList = new RenderedList(responses.json());
        this.planAnswer = new PlanAnswer(responses, manager, routes);
        this.settingsApi = new SettingsApi(() -> settings);
        this.storageApi = new StorageApi(() -> storage);
        this.fleetApi = new FleetApi(() -> fleet, () -> catalog);
        this.healthChecks = new HealthChecks(context, HEALTH_CHECK_LIMIT);
        Path uploadFolder = RestData.folder(context).resolve("uploads");
        this.uploads = new Uploads(uploadFolder, Math.max(1, config.max_upload_bytes()));
        sweep(uploadFolder, log);
    }


    @Override
    void route(HttpServletRequest request, HttpServletResponse response, List<String> path, Query query)
            throws ApiException, PluginException, IOException {
        String method = request.getMethod();
        String resource = path.isEmpty() ? "" : path.get(0);
        switch (resource) {
            case "plugins" -> {
                if (path.size() == 1) {
                    if (method.equals("GET")) {
                        list(request, query.only(Set.of("all")), response);
                    } else if (method.equals("POST")) {
                        install(request, query.only(Set.of("enable", "dryRun", "filename")), response);
                    } else {
                        throw Requests.notAllowed(method, "GET", "POST");
                    }
                    return;
                }
                String id = Requests.id(path.get(1));
                if (path.size() == 2) {
                    if (method.equals("GET")) {
                        query.only(Set.of());
                        responses.send(response, 200, plugin(id));
                    } else if (method.equals("DELETE")) {
                        query.only(Set.of("cascade", "dryRun", "keepData", "purge"));
                        verb(response, 200, manager.remove(id, removeOptions(query, Principal.originOf(request))));
                    } else {
                        throw Requests.notAllowed(method, "GET", "DELETE");
                    }
                    return;
                }
                if (path.size() == 3 && path.get(2).equals("settings")) {
                    responses.send(response, 200, settingsApi.answer(method, id, query,
                            () -> Requests.body(request, SettingsApi.MAX_BODY_BYTES), Principal.originOf(request)));
                    return;
                }
                if (path.size() == 3 && path.get(2).equals("health")) {
                    Requests.requireGet(method);
                    query.only(Set.of());
                    responses.send(response, 200, healthChecks.run(id, bundle(manager.details(id).plugin())));
                    return;
                }
                if (path.size() == 3 && path.get(2).equals("storage")) {
                    responses.send(response, 200, storageApi.one(method, id, query));
                    return;
                }
                if (path.size() == 3) {
                    verb(request, response, id, path.get(2), query);
                    return;
                }
            }
            case "storage" -> {
                if (path.size() == 1) {
                    responses.send(response, 200, storageApi.all(method, query));
                    return;
                }
            }
            case "fleet" -> {
                FleetApi.Answer answer = fleetApi.answer(method, path.subList(1, path.size()), query,
                        () -> Requests.body(request, FleetApi.MAX_BODY_BYTES), Principal.originOf(request));
                if (answer != null) {
                    if (answer.location() != null) {
                        response.setHeader("Location", answer.location());
                    }
                    responses.send(response, answer.status(), answer.body());
                    return;
                }
            }
            case "history" -> {
                if (path.size() == 1) {
                    Requests.requireGet(method);
                    query.only(HistoryFilter.PARAMETERS);
                    int limit = query.number("limit", HISTORY_DEFAULT, 1, HISTORY_MAX);
                    HistoryFilter filter = HistoryFilter.of(query);
                    List<Operation> operations = filter.all() ? manager.history(limit)
                            : filter.last(manager.history(Integer.MAX_VALUE), limit);
                    responses.send(response, 200, operations.stream().map(OperationDocument::of).toList());
                    return;
                }
            }
            case "health" -> {
                if (path.size() == 1) {
                    Requests.requireGet(method);
                    query.only(Set.of());
                    health(response, request.getAttribute(Access.ATTRIBUTE) == Access.PUBLIC);
                    return;
                }
            }
            case "deploy" -> {
                if (path.size() == 1) {
                    Requests.requireGet(method);
                    query.only(Set.of());
                    responses.send(response, 200, DeployDocument.of(deployDirectory, home()));
                    return;
                }
            }
            default -> {
                // not found below
            }
        }
        throw new ApiException(404, "NO_SUCH_ENDPOINT", "no endpoint " + method + " " + request.getRequestURI()
                + "; see /api/openapi.json");
    }

    private void list(HttpServletRequest request, Query query, HttpServletResponse response)
            throws ApiException, IOException {
        if (!query.flag("all")) {
            responses.send(request, response, pluginList.render(manager.plugins(), routes::refused, misconfigured()));
            return;
        }
        Set<String> misconfigured = misconfigured();
        responses.send(response, 200, manager.all().stream().map(plugin -> responses.json().listed(plugin,
                routes.refused(plugin.id()), misconfigured.contains(plugin.id()))).toList());
    }

    /** The ids of the plugins that run misconfigured: one call to the settings service, none per plugin. */
    private Set<String> misconfigured() {
        PluginSettings service = settings;
        if (service == null) {
            return Set.of();
        }
        try {
            return service.problems().keySet();
        } catch (PluginException | RuntimeException e) {
            return Set.of();
        }
    }

    private void install(HttpServletRequest request, Query query, HttpServletResponse response)
            throws ApiException, PluginException, IOException {
        Options options = options(query, Principal.originOf(request)).withEnable(query.flag("enable"));
        try (Uploads.Upload upload = uploads.receive(request, query.text("filename"))) {
            Plan plan;
            try {
                plan = manager.install(upload.file().toUri(), options.withSource(upload.source()));
            } catch (PluginException e) {
                throw upload.named(e);
            }
            if (!plan.simulated()) {
                response.setHeader("Location", "/api/plugins/" + plan.target());
            }
            verb(response, plan.simulated() ? 200 : 201, plan);
        }
    }

    private void verb(HttpServletRequest request, HttpServletResponse response, String id, String verb, Query query)
            throws ApiException, PluginException, IOException {
        if (!request.getMethod().equals("POST")) {
            throw Requests.notAllowed(request.getMethod(), "POST");
        }
        String origin = Principal.originOf(request);
        switch (verb) {
            case "enable" -> verb(response, 200, manager.enable(id, options(query.only(Set.of("dryRun")), origin)));
            case "disable" -> verb(response, 200,
                    manager.disable(id, options(query.only(Set.of("dryRun", "cascade")), origin)));
            case "rollback" -> verb(response, 200,
                    manager.rollback(id, options(query.only(Set.of("dryRun")), origin)));
            case "upgrade" -> {
                query.only(Set.of("dryRun", "filename", "force"));
                try (Uploads.Upload upload = uploads.receive(request, query.text("filename"))) {
                    Plan plan;
                    try {
                        plan = manager.upgrade(id, upload.file().toUri(),
                                options(query, origin).withSource(upload.source()).withForce(query.flag("force")));
                    } catch (PluginException e) {
                        throw upload.named(e);
                    }
                    verb(response, 200, plan);
                }
            }
            default -> throw new ApiException(404, "NO_SUCH_ENDPOINT", "no verb " + verb
                    + "; a plugin has enable, disable, upgrade and rollback (and DELETE to remove it), settings, "
                    + "storage and health");
        }
    }

    private void verb(HttpServletResponse response, int status, Plan plan) throws IOException {
        planAnswer.send(response, status, plan);
    }

    @Deactivate
    void deactivate() {
        healthChecks.close();
    }

    private Bundle bundle(PluginInfo plugin) {
        return plugin.bundleId() < 0 ? null : context.getBundle(plugin.bundleId());
    }

    private PluginDetailsDocument plugin(String id) throws PluginException {
        return responses.json().details(manager.details(id), storageApi.ofPlugin(id));
    }

    /**
     * {@code GET /api/health}: the readiness, what it waits for, the failed plugins, and the runtime's problems an
     * operator must fix (the secret key that cannot be used).
     */
    record Health(String status, boolean ready, List<String> pending, int plugins, long enabled, List<Failed> failed,
            List<String> problems) {
    }

    /** A failed plugin of the health: its id and last error. */
    record Failed(String id, String lastError) {
    }

    /** {@code GET /api/health} without credentials: the status alone. */
    record Status(String status) {
    }

    private void health(HttpServletResponse response, boolean statusOnly) throws IOException {
        boolean ready = pending().isEmpty();
        List<PluginInfo> plugins = manager.plugins();
        List<Failed> failures = plugins.stream().filter(plugin -> plugin.state() == PluginState.FAILED)
                .map(plugin -> new Failed(plugin.id(), plugin.lastError())).toList();
        List<String> problems = runtimeProblems();
        String status = !ready ? "starting" : failures.isEmpty() && problems.isEmpty() ? "ok" : "degraded";
        if (statusOnly) {
            responses.send(response, ready ? 200 : 503, new Status(status));
            return;
        }
        responses.send(response, ready ? 200 : 503, new Health(status, ready, List.copyOf(pending()), plugins.size(),
                plugins.stream().filter(plugin -> plugin.state() == PluginState.ENABLED).count(), failures, problems));
    }

    /** The problems of the runtime an operator must fix: the secret key's. */
    private List<String> runtimeProblems() {
        PluginSettings service = settings;
        if (service == null) {
            return List.of();
        }
        try {
            return service.secretKeyProblem().map(List::of).orElse(List.of());
        } catch (PluginException | RuntimeException e) {
            return List.of("the secret key cannot be checked: " + e.getMessage());
        }
    }

    /** The runtime's home, absolute, or {@code null} when the launcher names none (an embedding server). */
    private Path home() {
        String home = context.getProperty(PlinthProperties.HOME);
        return home == null || home.isBlank() ? null : Path.of(home).toAbsolutePath().normalize();
    }

    /** What holds back readiness: the services marked {@link PlinthProperties#STARTUP_PENDING}. */
    private List<String> pending() {
        try {
            ServiceReference<?>[] references = context.getAllServiceReferences(null,
                    "(" + PlinthProperties.STARTUP_PENDING + "=*)");
            return references == null ? List.of()
                    : Arrays.stream(references)
                            .map(reference -> String.valueOf(reference.getProperty(PlinthProperties.STARTUP_PENDING)))
                            .sorted().toList();
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The options of a removal: {@code keepData} keeps the settings, {@code purge} deletes the storage; not both. */
    static Options removeOptions(Query query) throws ApiException {
        return removeOptions(query, Principal.REST);
    }

    /** As {@link #removeOptions(Query)}, for {@code origin}. */
    static Options removeOptions(Query query, String origin) throws ApiException {
        if (query.flag("keepData") && query.flag("purge")) {
            throw ApiException.badRequest("purge deletes the data keepData keeps: give one of them");
        }
        return options(query, origin).withKeepData(query.flag("keepData")).withPurge(query.flag("purge"));
    }

    private static Options options(Query query, String origin) throws ApiException {
        return Options.DEFAULT.withOrigin(origin).withSimulate(query.flag("dryRun")).withCascade(query.flag("cascade"));
    }

    private static void sweep(Path folder, Logger log) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> left = Files.walk(folder)) {
            left.sorted(Comparator.reverseOrder()).filter(path -> !path.equals(folder)).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    log.warn("cannot delete the left-over upload {}: {}", path, e.getMessage());
                }
            });
        } catch (IOException e) {
            log.warn("cannot clear the upload folder {}: {}", folder, e.getMessage());
        }
    }
}
