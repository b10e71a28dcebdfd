package dev.plinth.manager.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
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
import dev.plinth.api.BatchResult;
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
import dev.plinth.api.plugin.PluginRoutes;
import dev.plinth.api.extension.OperationParticipant;
import dev.plinth.api.Verb;

/**
 * The plugin manager: runs every verb through one queue, plans it, executes the plan against the framework
 * with undo, commits to the store and publishes the outcome (history, events, the snapshot reads see). At
 * activation it recovers an interrupted operation and reconciles the framework to the store.
 */
@Component(service = PluginManager.class, immediate = true, configurationPid = PluginManagerImpl.PID)
@Designate(ocd = PluginManagerImpl.Config.class)
public final class PluginManagerImpl implements PluginManager {

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

    private static final Duration READY_BOUND = Duration.ofMinutes(5);

    private final BundleContext context;
    private final Logger log;
    private final Store store;
    private final ArchiveReader reader;
    private final BoundedCalls calls = new BoundedCalls();
    private final FrameworkAccess framework;
    private final LifecycleHooks hooks;
    private final Executor executor;
    private final Fingerprints fingerprints;
    private final Installers installers;
    private final OperationQueue queue;
    private final StartFailures startFailures;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final AtomicBoolean refreshPending = new AtomicBoolean();
    private final Outcomes outcomes;
    private final BundleListener listener = this::bundleChanged;
    private final SynchronousBundleListener installerListener = this::recordInstaller;
    private final Duration stopBound;
    private final ServiceRegistration<Object> startupPending;

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

    private volatile StoreState state = StoreState.EMPTY;
    private volatile Snapshot snapshot = Snapshot.EMPTY;

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
        this.hooks = new LifecycleHooks(data.resolve("plugins"), calls, Duration.ofMillis(config.hook_timeout_ms()));
        this.executor = new Executor(store, framework, hooks, log);
        this.outcomes = new Outcomes(store, () -> eventAdmin, id -> snapshot.get(id), log);
        java.io.File fingerprintFile = context.getDataFile("fingerprints.properties");
        this.fingerprints = new Fingerprints(fingerprintFile == null ? null : fingerprintFile.toPath());
        java.io.File installerFile = context.getDataFile("installers.properties");
        this.installers = new Installers(installerFile == null ? null : installerFile.toPath(), context.getBundle());
        this.queue = new OperationQueue(Math.max(1, config.queue_capacity()));
        this.startFailures = new StartFailures(store.root().resolve("start-failures.properties"));
        context.addBundleListener(installerListener);
        context.addBundleListener(listener);
        this.startupPending = context.registerService(Object.class, new Object(),
                FrameworkUtil.asDictionary(Map.of(PlinthProperties.STARTUP_PENDING,
                        "the plugin manager is restoring plugins")));
        queue.post(this::start);
    }

    @Deactivate
    void stop() {
        unregisterQuietly(startupPending);
        context.removeBundleListener(listener);
        context.removeBundleListener(installerListener);
        queue.close(stopBound.plusSeconds(1));
        calls.close();
    }

    private static void unregisterQuietly(ServiceRegistration<?> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            // already unregistered
        }
    }

    private static String property(BundleContext context, String name, String fallback) {
        String value = context.getProperty(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private void start() {
        try {
            new Recovery(store, framework, reader, fingerprints, startFailures, installers, outcomes, log)
                    .recover(reconciled -> state = reconciled);
        } catch (IOException | PluginException | RuntimeException e) {
            log.error("the plugin store in {} cannot be used: {}", store.root(), e.getMessage());
        } finally {
            unregisterQuietly(startupPending);
            refreshSnapshot();
            ready.countDown();
        }
    }

    @Override
    public Plan install(URI source, Options options) throws PluginException {
        Archive archive = fetch(Verb.INSTALL, ArchiveReader.display(source), source, options);
        return withArchive(archive, () -> operate(Verb.INSTALL, archive.id(), options,
                () -> planner().install(archive, options)));
    }

    @Override
    public Plan enable(String id, Options options) throws PluginException {
        return operate(Verb.ENABLE, id, options, () -> planner().enable(id));
    }

    @Override
    public Plan disable(String id, Options options) throws PluginException {
        return operate(Verb.DISABLE, id, options, () -> planner().disable(id, options.cascade()));
    }

    @Override
    public Plan upgrade(String id, URI source, Options options) throws PluginException {
        awaitReady();
        planner().record(id);
        Archive archive = fetch(Verb.UPGRADE, id, source, options);
        return withArchive(archive, () -> operate(Verb.UPGRADE, id, archive.version().toString(), options,
                () -> planner().upgrade(id, archive, Verb.UPGRADE)));
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
        awaitReady();
        List<String> ids = List.copyOf(sources.keySet());
        String target = String.join(", ", ids);
        for (String id : ids) {
            planner().record(id);
        }
        List<Archive> archives = new ArrayList<>();
        try {
            for (String id : ids) {
                Archive archive = fetch(Verb.UPGRADE, id, sources.get(id), options);
                archives.add(archive);
                if (!archive.id().equals(id)) {
                    throw new PluginException(Code.INVALID_ARCHIVE, ArchiveReader.display(sources.get(id)) + " is "
                            + archive.id() + " " + archive.version() + ", not " + id);
                }
            }
            return operate(Verb.UPGRADE, target, null, ids, options,
                    () -> planner().upgrade(archives, Verb.UPGRADE, target));
        } catch (PluginException | RuntimeException e) {
            archives.forEach(Archive::discard);
            throw e;
        }
    }

    @Override
    public Plan rollback(String id, Options options) throws PluginException {
        return operate(Verb.ROLLBACK, id, options, () -> {
            StoredPlugin record = planner().record(id);
            if (record.previousSha256() == null) {
                throw new PluginException(Code.NO_PREVIOUS_VERSION, id + " " + record.version()
                        + " has no previous version to roll back to");
            }
            Path artifact = store.artifact(record.previousSha256());
            if (!artifact.toFile().isFile()) {
                throw new PluginException(Code.NOT_FOUND, "the archive of " + id + " " + record.previousVersion()
                        + " is missing from the store");
            }
            Archive previous = reader.readStored(artifact, null);
            return planner().upgrade(id, record.previousSource() == null ? previous
                    : previous.withSource(record.previousSource()), Verb.ROLLBACK);
        });
    }

    @Override
    public Plan remove(String id, Options options) throws PluginException {
        return operate(Verb.REMOVE, id, options, () -> planner().remove(id, options.cascade()));
    }

    @Override
    public Batch installBatch(List<URI> sources, Options options) {
        List<Object> read = sources.parallelStream().map(source -> {
            try {
                return (Object) fetch(Verb.INSTALL, ArchiveReader.display(source), source, options);
            } catch (PluginException e) {
                return e;
            }
        }).toList();
        try {
            return queue.call(() -> installBatch(sources, read, options));
        } catch (PluginException e) {
            read.stream().filter(Archive.class::isInstance).map(Archive.class::cast).forEach(Archive::discard);
            return failAll(Verb.INSTALL, sources.stream().map(ArchiveReader::display).toList(), e, options);
        }
    }

    private Batch installBatch(List<URI> sources, List<Object> read, Options options) {
        Planner planner = planner();
        BatchIntake intake = new BatchIntake(sources, read, planner);
        List<Archive> accepted = intake.accepted();
        Map<Integer, Archive> promotions = intake.promotions();
        List<Plan.Step> shown = new ArrayList<>();
        promotions.forEach((i, archive) -> promote(archive, options, shown).ifPresent(e -> intake.failed(i, e)));
        Planner.Batch batch = (promotions.isEmpty() ? planner : planner()).installAll(accepted, options.enable());
        Map<String, PluginException> installFailures = new HashMap<>(batch.refused());
        PlannedOperation operation = batch.operation();
        accepted.stream().filter(archive -> batch.refused().containsKey(archive.id())).forEach(Archive::discard);
        if (options.simulate()) {
            operation.discardArchives();
        } else if (!operation.steps().isEmpty()) {
            try {
                check(operation.plan(false));
                BatchExecution.Outcome outcome = executor.executeBatch(operation, state, planner(),
                        options.origin());
                state = outcome.after();
                installFailures.putAll(outcome.failures());
                settleStore();
                committed(operation.plan(false));
            } catch (PluginException e) {
                operation.discardArchives();
                reloadState();
                operation.steps().forEach(step -> installFailures.putIfAbsent(step.id(), e));
            }
            refreshSnapshot();
        }
        List<BatchResult> results = intake.results(installFailures);
        if (!options.simulate()) {
            outcomes.batch(Verb.INSTALL, results.stream().filter(result -> result.id() != null).toList(),
                    options.origin());
        }
        shown.addAll(operation.plan(options.simulate()).steps());
        return new Batch(new Plan(Verb.INSTALL, operation.target(), shown, operation.refresh(), options.simulate()),
                results);
    }

    /**
     * Within a batch: installs an archive whose id is installed as a library, making it a plugin, as one operation of
     * its own ({@link Promotion}), or only plans it in a dry run; adds its steps to {@code shown} and returns its
     * failure, if any.
     */
    private Optional<PluginException> promote(Archive archive, Options options, List<Plan.Step> shown) {
        PlannedOperation operation = null;
        try {
            operation = planner().install(archive, options);
            check(operation.plan(options.simulate()));
            shown.addAll(operation.plan(options.simulate()).steps());
            if (options.simulate()) {
                operation.discardArchives();
                return Optional.empty();
            }
            state = executor.execute(operation, state, planner(), options.origin());
            settleStore();
            forgetStartFailures(operation.touched());
            committed(operation.plan(false));
            return Optional.empty();
        } catch (PluginException e) {
            if (operation != null) {
                operation.discardArchives();
            } else {
                archive.discard();
            }
            if (!options.simulate()) {
                reloadState();
            }
            return Optional.of(e);
        } finally {
            if (!options.simulate()) {
                refreshSnapshot();
            }
        }
    }

    @Override
    public Batch removeBatch(List<String> ids, Options options) {
        try {
            awaitReady();
            return queue.call(() -> {
                Planner.Batch removal = planner().removeAll(ids, options.cascade());
                PlannedOperation operation = removal.operation();
                PluginException failure = null;
                if (!options.simulate() && !operation.steps().isEmpty()) {
                    try {
                        check(operation.plan(false));
                        state = executor.execute(operation, state, planner(), options.origin());
                        settleStore();
                        committed(operation.plan(false));
                    } catch (PluginException e) {
                        reloadState();
                        failure = e;
                    }
                    refreshSnapshot();
                }
                Map<String, String> versions = new HashMap<>();
                operation.steps().forEach(step -> versions.putIfAbsent(step.id(), step.version()));
                List<BatchResult> results = new ArrayList<>();
                for (String id : ids) {
                    PluginException refusal = removal.refused().get(id);
                    results.add(new BatchResult(id, id, versions.get(id), refusal != null ? refusal : failure));
                }
                if (!options.simulate()) {
                    outcomes.batch(Verb.REMOVE, results, options.origin());
                }
                return new Batch(operation.plan(options.simulate()), results);
            });
        } catch (PluginException e) {
            return failAll(Verb.REMOVE, ids, e, options);
        }
    }

    private static Batch failAll(Verb verb, List<String> requests, PluginException failure, Options options) {
        return new Batch(new Plan(verb, requests.size() + " plugins", List.of(), List.of(), options.simulate()),
                requests.stream().map(request -> new BatchResult(request, null, null, failure)).toList());
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
        return guard == null ? details : details.withRefusedRoutes(guard.refused(details.plugin().id()));
    }

    @Override
    public Diagnosis diagnose(String id) throws PluginException {
        awaitReady();
        return queue.call(() -> {
            Bundle bundle = framework.bundle(id);
            if (bundle == null) {
                bundle = framework.bySymbolicName(id).orElseThrow(() -> new PluginException(Code.NOT_FOUND,
                        "no plugin " + id + " is installed"));
            }
            if (!FrameworkAccess.resolved(bundle)) {
                framework.resolve(List.of(bundle));
            }
            if (FrameworkAccess.resolved(bundle)) {
                return new Diagnosis(id, bundle.getVersion().toString(), true, List.of());
            }
            return new Diagnosis(id, bundle.getVersion().toString(), false, planner().explain(bundle));
        });
    }

    @Override
    public List<Operation> history(int limit) {
        awaitReadyQuietly();
        try {
            return store.history(Math.max(0, limit));
        } catch (IOException e) {
            log.error("cannot read the history: {}", e.getMessage());
            return List.of();
        }
    }

    /**
     * Reads an archive outside the queue (a slow download holds up nobody); a refused archive is recorded and
     * published like any failed operation.
     */
    private Archive fetch(Verb verb, String target, URI source, Options options) throws PluginException {
        awaitReady();
        try {
            Archive archive = reader.read(source);
            return options.source() == null ? archive : archive.withSource(options.source());
        } catch (PluginException e) {
            if (!options.simulate()) {
                outcomes.refused(verb, target, e, options.origin());
            }
            throw e;
        }
    }

    /** Runs {@code work}; the archive's temporary copy goes when it fails (once stored, it is no longer there). */
    private static Plan withArchive(Archive archive, OperationQueue.Work<Plan> work) throws PluginException {
        try {
            return work.run();
        } catch (PluginException | RuntimeException e) {
            archive.discard();
            throw e;
        }
    }

    private interface Planning {
        PlannedOperation plan() throws PluginException;
    }

    private Plan operate(Verb verb, String target, Options options, Planning planning) throws PluginException {
        return operate(verb, target, null, options, planning);
    }

    private Plan operate(Verb verb, String target, String attempted, Options options, Planning planning)
            throws PluginException {
        return operate(verb, target, attempted, null, options, planning);
    }

    /**
     * @param attempted the version the operation is to bring, when known before it is planned (an upgrade's)
     * @param members the plugins an operation on several changes together, each with its own history entry and
     *     event; null for an operation on its target
     */
    private Plan operate(Verb verb, String target, String attempted, List<String> members, Options options,
            Planning planning) throws PluginException {
        awaitReady();
        return queue.call(() -> {
            PlannedOperation operation = null;
            StoreState before = state;
            boolean executing = false;
            try {
                operation = planning.plan();
                check(operation.plan(options.simulate()));
                if (options.simulate()) {
                    operation.discardArchives();
                    return operation.plan(true);
                }
                if (operation.steps().isEmpty()) {
                    return operation.plan(false);
                }
                executing = true;
                before = state;
                state = executor.execute(operation, state, planner(), options.origin());
                FaultPoints.reach(verb, "executed");
                settleStore();
                forgetStartFailures(operation.touched());
                refreshSnapshot();
                committed(operation.plan(false));
                if (members == null) {
                    outcomes.operation(verb, operation.target(), operation.fromVersion(), operation.toVersion(),
                            Operation.Outcome.SUCCEEDED, Outcomes.summary(operation), operation.fromVersion(),
                            operation.touched(), null, options.origin());
                } else {
                    outcomes.together(verb, members, before, operation, null, options.origin());
                }
                return operation.plan(false);
            } catch (PluginException e) {
                if (!options.simulate()) {
                    if (executing) {
                        reloadState();
                    }
                    refreshSnapshot();
                    if (members != null) {
                        outcomes.together(verb, members, before, operation, e, options.origin());
                        throw e;
                    }
                    String id = operation != null ? operation.target() : target;
                    boolean versionChange = verb == Verb.UPGRADE || verb == Verb.ROLLBACK;
                    String from = operation != null ? operation.fromVersion() : null;
                    String to = null;
                    if (versionChange) {
                        from = from != null ? from : snapshot.get(id).map(PluginInfo::version).orElse(null);
                        to = operation != null && operation.toVersion() != null ? operation.toVersion() : attempted;
                    }
                    outcomes.operation(verb, id, from, to, Operation.Outcome.FAILED, e.getMessage(),
                            operation != null ? operation.fromVersion() : null,
                            operation != null ? operation.touched() : List.of(), e, options.origin());
                }
                throw e;
            }
        });
    }

    private void check(Plan plan) throws PluginException {
        List<OperationParticipant> current = participants;
        if (current != null && !plan.empty()) {
            for (OperationParticipant participant : List.copyOf(current)) {
                participant.check(plan);
            }
        }
    }

    private void committed(Plan plan) {
        List<OperationParticipant> current = participants;
        if (current == null) {
            return;
        }
        for (OperationParticipant participant : List.copyOf(current)) {
            try {
                participant.committed(plan);
            } catch (RuntimeException e) {
                log.error("{} failed to follow the {} of {}: {}", participant.getClass().getName(),
                        plan.verb().label(), plan.target(), e.toString());
            }
        }
    }

    private Planner planner() {
        List<LibrarySource> sources = librarySources == null ? List.of() : List.copyOf(librarySources);
        return new Planner(framework, state, new LibraryFinder(sources, reader,
                id -> state.get(id).isEmpty() && framework.bySymbolicName(id).isEmpty(),
                id -> state.get(id).map(StoredPlugin::library).orElse(false)), Instant.now());
    }

    private void reloadState() {
        try {
            state = store.load();
            settleStore();
        } catch (IOException e) {
            log.error("cannot read the plugin store: {}", e.getMessage());
        }
    }

    /** The plugins an operation started or removed start afresh: their failed starts at boot no longer count. */
    private void forgetStartFailures(List<String> touched) {
        try {
            startFailures.load();
            if (touched.stream().map(startFailures::clear).reduce(false, Boolean::logicalOr)) {
                startFailures.save();
            }
        } catch (IOException e) {
            log.warn("cannot update the failed starts: {}", e.getMessage());
        }
    }

    /** Records what the framework cache holds and drops the archives no record needs any more. */
    private void settleStore() {
        try {
            fingerprints.save(state, framework, List.of());
        } catch (IOException e) {
            log.warn("cannot record the archives of the framework cache: {}", e.getMessage());
        }
        try {
            store.collectGarbage(state);
        } catch (IOException e) {
            log.warn("cannot delete the archives no plugin needs any more: {}", e.getMessage());
        }
    }

    private Snapshot read() {
        awaitReadyQuietly();
        return snapshot;
    }

    private void refreshSnapshot() {
        snapshot = Snapshot.take(framework.all(), state, installers::of);
    }

    /**
     * Notes who installed a bundle the manager did not, in the installing thread: before the install returns, so
     * that every picture taken after it says who.
     */
    private void recordInstaller(BundleEvent event) {
        try {
            if (installers.seen(event) && event.getType() == BundleEvent.INSTALLED) {
                Bundle bundle = event.getBundle();
                log.warn("{} {} was installed by {}, not by the plugin manager: it is listed as unmanaged "
                        + "(plugin:list --all) and only plugin:remove {} removes it", bundle.getSymbolicName(),
                        bundle.getVersion(), installers.of(bundle), bundle.getSymbolicName());
            }
        } catch (IOException e) {
            log.warn("cannot record who installed {}: {}", event.getBundle().getSymbolicName(), e.getMessage());
        }
    }

    private void bundleChanged(BundleEvent event) {
        if (ready.getCount() == 0 && refreshPending.compareAndSet(false, true)) {
            queue.post(() -> {
                refreshPending.set(false);
                refreshSnapshot();
            });
        }
    }

    private void awaitReady() throws PluginException {
        try {
            if (!ready.await(READY_BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new PluginException(Code.BUSY, "the plugin manager is still reconciling the framework");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PluginException(Code.BUSY, "interrupted while waiting for the plugin manager");
        }
    }

    private void awaitReadyQuietly() {
        try {
            awaitReady();
        } catch (PluginException e) {
            log.warn("{}", e.getMessage());
        }
    }
}
