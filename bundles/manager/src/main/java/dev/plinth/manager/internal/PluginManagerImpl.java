package dev.plinth.manager.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import dev.plinth.api.Batch;
import dev.plinth.api.Diagnosis;
import dev.plinth.api.extension.LibrarySource;
import dev.plinth.api.Operation;
import dev.plinth.api.Options;
import dev.plinth.api.Plan;
import dev.plinth.api.plugin.PlinthProperties;
import dev.plinth.api.plugin.PluginRoutes;
import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.PluginDetails;
import dev.plinth.api.PluginInfo;
import dev.plinth.api.PluginKind;
import dev.plinth.api.PluginManager;
import dev.plinth.api.extension.OperationLog;
import dev.plinth.api.settings.PluginSettings;
import dev.plinth.api.extension.OperationParticipant;
import dev.plinth.api.Verb;

/**
 * The plugin manager's component: wires its parts and answers the API. Reads see the {@link Snapshot} of the
 * {@link CurrentState}; each verb plans its operation and runs it through the {@link VerbPipeline}, batches run as
 * {@link BatchVerbs}. At activation it recovers ({@link Recovery}); calls wait until then ({@link ReadinessGate}).
 */
@Component(service = {PluginManager.class, OperationLog.class}, immediate = true,
        configurationPid = PluginManagerImpl.PID)
@Designate(ocd = PluginManagerImpl.Config.class)
public final class PluginManagerImpl implements PluginManager, OperationLog {

    static final String PID = "dev.plinth.manager";

    @ObjectClassDefinition(name = "Plinth plugin manager",
            description = "Bounds and limits of the plugin manager.")
    public @interface Config {

        @AttributeDefinition(name = "Start bound (ms)",
                description = "How long a plugin's start may take before it is reported failed.")
        long start_timeout_ms() default 10_000;

        @AttributeDefinition(name = "Stop bound (ms)", description = "How long a plugin's stop or update may take.")
        long stop_timeout_ms() default 10_000;

        @AttributeDefinition(name = "Hook bound (ms)",
                description = "How long a plugin's lifecycle hook (Plinth-Lifecycle) may take.")
        long hook_timeout_ms() default 10_000;

        @AttributeDefinition(name = "Refresh bound (ms)", description = "How long a refresh may take.")
        long refresh_timeout_ms() default 30_000;

        @AttributeDefinition(name = "Largest archive (bytes)", description = "Larger archives are refused.")
        long archive_max_bytes() default 256L * 1024 * 1024;

        @AttributeDefinition(name = "History size", description = "How many operations the history keeps.")
        int history_size() default 1000;

        @AttributeDefinition(name = "Queue capacity",
                description = "How many operations may wait; more are refused as BUSY.")
        int queue_capacity() default 10_000;
    }

    private final BundleContext context;
    private final Logger log;
    private final Store store;
    private final ArchiveReader reader;
    private final BoundedCalls calls = new BoundedCalls();
    private final FrameworkAccess framework;
    private final OperationQueue queue;
    private final Recovery recovery;
    private final CurrentState current;
    private final ReadinessGate gate;
    private final Outcomes outcomes;
    private final ArchiveFetch fetch;
    private final VerbPipeline pipeline;
    private final BatchVerbs batches;
    private final Diagnoser diagnoser;
    private final BundleChanges bundleChanges;
    private final Duration stopBound;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<LibrarySource> librarySources;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<OperationParticipant> participants;

    /** DS's runtime, for the components {@link #details} shows; none without DS. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ServiceComponentRuntime componentRuntime;

    /** The REST API's guard of plugins' web routes, for the refused routes {@link #details} shows. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PluginRoutes routes;

    /** The settings service, for the settings problems {@link #details} shows; none without it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PluginSettings settings;

    @Activate
    public PluginManagerImpl(BundleContext context, Config config,
            @Reference(service = LoggerFactory.class) Logger log) {
        this.context = context;
        this.log = log;
        Path data = Path.of(property(context, PlinthProperties.DATA, "data"));
        this.store = new Store(data.resolve("manager"), new StoreCodec(), Math.max(10, config.history_size()));
        this.reader = new ArchiveReader(store.temp(), config.archive_max_bytes());
        this.stopBound = Duration.ofMillis(config.stop_timeout_ms());
        this.framework = new FrameworkAccess(context, calls, new FrameworkAccess.Timeouts(
                Duration.ofMillis(config.start_timeout_ms()), stopBound,
                Duration.ofMillis(config.refresh_timeout_ms())));
        LifecycleHooks hooks = new LifecycleHooks(data.resolve("plugins"), calls,
                Duration.ofMillis(config.hook_timeout_ms()));
        Executor executor = new Executor(store, framework, hooks, log);
        Fingerprints fingerprints = new Fingerprints(dataFile(context, "fingerprints.properties"));
        Installers installers = new Installers(dataFile(context, "installers.properties"), context.getBundle());
        this.queue = new OperationQueue(Math.max(1, config.queue_capacity()));
        StartFailures startFailures = new StartFailures(store.root().resolve("start-failures.properties"));
        this.current = new CurrentState(store, framework, fingerprints, startFailures, installers, log);
        this.outcomes = new Outcomes(store, () -> eventAdmin, id -> current.snapshot().get(id), log);
        Participants participantCalls = new Participants(() -> participants, new ExtenderCheck(context), log);
        this.gate = new ReadinessGate(context, log);
        this.fetch = new ArchiveFetch(store, reader, gate, outcomes);
        this.recovery = new Recovery(store, framework, reader, fingerprints, startFailures, installers, outcomes, log);
        this.pipeline = new VerbPipeline(queue, gate, this::planner, participantCalls, executor, current, outcomes);
        this.batches = new BatchVerbs(queue, gate, fetch, this::planner, participantCalls, executor, current,
                outcomes);
        this.diagnoser = new Diagnoser(framework, this::planner);
        this.bundleChanges = new BundleChanges(installers, gate, queue, current, log);
        bundleChanges.follow(context);
        queue.post(this::start);
    }

    @Deactivate
    void stop() {
        gate.close();
        bundleChanges.stop(context);
        boolean ended = queue.close(stopBound.plusSeconds(1));
        calls.close();
        if (ended && gate.recovered()) {
            try {
                store.writeWhole();
            } catch (PluginException e) {
                log.warn("cannot write the plugin store whole; the next start does: {}", e.getMessage());
            }
        }
        try {
            store.clearTemp();
        } catch (IOException e) {
            log.warn("cannot delete the archives staged in {}: {}", store.root(), e.getMessage());
        }
    }

    private static String property(BundleContext context, String name, String fallback) {
        String value = context.getProperty(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** A file in the manager's area of the framework cache; null when the framework has none. */
    private static Path dataFile(BundleContext context, String name) {
        java.io.File file = context.getDataFile(name);
        return file == null ? null : file.toPath();
    }

    private void start() {
        String failure = null;
        try {
            recovery.recover(current::set);
        } catch (IOException | PluginException | RuntimeException e) {
            failure = "the plugin store in " + store.root() + " cannot be used: " + e.getMessage() + "; no operation "
                    + "is taken until it is fixed and Plinth restarted";
            log.error("{}", failure);
        } finally {
            current.refreshSnapshot();
            if (failure == null) {
                gate.open();
            } else {
                gate.openBroken(failure);
            }
            gate.withdrawPending();
        }
    }

    @Override
    public Plan install(URI source, Options options) throws PluginException {
        Archive archive = fetch.fetch(Verb.INSTALL, ArchiveReader.display(source), source, options);
        return withArchives(List.of(archive), () -> pipeline.run(Verb.INSTALL, archive.id(), options,
                () -> planner().install(archive, options)));
    }

    @Override
    public Plan enable(String id, Options options) throws PluginException {
        return pipeline.run(Verb.ENABLE, id, options, () -> planner().enable(id));
    }

    @Override
    public Plan disable(String id, Options options) throws PluginException {
        return pipeline.run(Verb.DISABLE, id, options, () -> planner().disable(id, options.cascade()));
    }

    @Override
    public Plan upgrade(String id, URI source, Options options) throws PluginException {
        gate.await();
        planner().record(id);
        Archive archive = fetch.fetch(Verb.UPGRADE, id, source, options);
        return withArchives(List.of(archive), () -> pipeline.run(Verb.UPGRADE, id, archive.version().toString(),
                null, options, () -> planner().upgrade(id, archive, Verb.UPGRADE)));
    }

    @Override
    public Plan upgradeTogether(Map<String, URI> sources, Options options) throws PluginException {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no plugin to upgrade");
        }
        if (sources.size() == 1) {
            Map.Entry<String, URI> only = sources.entrySet().iterator().next();
            return upgrade(only.getKey(), only.getValue(), options);
        }
        gate.await();
        List<String> ids = List.copyOf(sources.keySet());
        String target = String.join(", ", ids);
        for (String id : ids) {
            planner().record(id);
        }
        List<Archive> archives = fetch.upgrades(sources, options);
        return withArchives(archives, () -> pipeline.run(Verb.UPGRADE, target, null, ids, options,
                () -> planner().upgrade(archives, Verb.UPGRADE, target)));
    }

    @Override
    public Plan rollback(String id, Options options) throws PluginException {
        return pipeline.run(Verb.ROLLBACK, id, options,
                () -> planner().upgrade(id, fetch.previous(planner().record(id)), Verb.ROLLBACK));
    }

    @Override
    public Plan remove(String id, Options options) throws PluginException {
        return pipeline.run(Verb.REMOVE, id, options, () -> planner().remove(id, options.cascade()));
    }

    @Override
    public Batch installBatch(List<URI> sources, Options options) {
        return batches.install(sources, options);
    }

    @Override
    public Batch removeBatch(List<String> ids, Options options) {
        return batches.remove(ids, options);
    }

    @Override
    public List<PluginInfo> plugins() {
        return read().of(PluginKind.PLUGIN);
    }

    @Override
    public List<PluginInfo> libraries() {
        return read().of(PluginKind.LIBRARY);
    }

    @Override
    public List<PluginInfo> unmanaged() {
        return read().of(PluginKind.SYSTEM, PluginKind.UNMANAGED);
    }

    @Override
    public List<PluginInfo> all() {
        return read().of(PluginKind.values());
    }

    @Override
    public Optional<PluginInfo> find(String id) {
        return read().get(id);
    }

    @Override
    public PluginInfo get(String id) throws PluginException {
        PluginInfo info = read().get(id).orElse(null);
        if (info == null || !info.managed()) {
            throw new PluginException(Code.NOT_FOUND, info == null ? "no plugin " + id + " is installed"
                    : id + " is a " + info.kind().label() + " bundle, not a plugin");
        }
        return info;
    }

    @Override
    public PluginDetails details(String id) throws PluginException {
        PluginInfo plugin = find(id).orElse(null);
        PluginDetails details = new BundleInspector(context, componentRuntime)
                .inspect(plugin != null ? plugin : get(id));
        PluginRoutes guard = routes;
        if (guard != null) {
            details = details.withRefusedRoutes(guard.refused(details.plugin().id()));
        }
        return details.withSettingsProblems(settingsProblems(details.plugin().id()));
    }

    private List<String> settingsProblems(String id) {
        PluginSettings service = settings;
        if (service == null) {
            return List.of();
        }
        try {
            return service.settings(id).problems();
        } catch (PluginException e) {
            return e.code() == PluginException.Code.NOT_FOUND ? List.of()
                    : List.of("its settings cannot be read: " + e.getMessage());
        } catch (RuntimeException e) {
            return List.of("its settings cannot be read: " + e);
        }
    }

    @Override
    public Diagnosis diagnose(String id) throws PluginException {
        gate.await();
        return queue.call(() -> diagnoser.diagnose(id));
    }

    @Override
    public List<Operation> history(int limit) {
        gate.awaitQuietly();
        return outcomes.history(limit);
    }

    @Override
    public void record(Verb verb, String target, String version, Operation.Outcome outcome, String message,
            String origin) {
        PluginException failure = outcome == Operation.Outcome.FAILED
                ? new PluginException(PluginException.Code.INVALID_INPUT, message) : null;
        outcomes.operation(verb, target, version, version, outcome, message, version,
                failure == null ? List.of(target) : List.of(), failure, origin);
    }

    @Override
    public void recordFailure(Verb verb, String target, String version, PluginException failure, String message,
            String origin) {
        outcomes.operation(verb, target, version, version, Operation.Outcome.FAILED, message, version, List.of(),
                failure, origin);
    }

    /** Runs {@code work}; the archives' temporary copies go when it fails (once stored, they are no longer there). */
    private static Plan withArchives(List<Archive> archives, OperationQueue.Work<Plan> work) throws PluginException {
        try {
            return work.run();
        } catch (PluginException | RuntimeException e) {
            archives.forEach(Archive::discard);
            throw e;
        }
    }

    private Planner planner() {
        List<LibrarySource> sources = librarySources == null ? List.of() : List.copyOf(librarySources);
        return new Planner(framework, current.state(), new LibraryFinder(sources, reader,
                id -> current.state().get(id).isEmpty() && framework.bySymbolicName(id).isEmpty(),
                id -> current.state().get(id).map(StoredPlugin::library).orElse(false)), Instant.now());
    }

    private Snapshot read() {
        gate.awaitQuietly();
        return current.snapshot();
    }
}
