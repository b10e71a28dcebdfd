package dev.plinth.deploy.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.osgi.service.log.Logger;

import dev.plinth.api.BatchResult;
import dev.plinth.api.DeployedFile;
import dev.plinth.api.Options;
import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.PluginInfo;
import dev.plinth.api.PluginManager;
import dev.plinth.common.SettlingWatcher;

/**
 * Turns changes of the deploy directory into plugin manager verbs: a new jar is installed (and enabled), a
 * replaced one upgrades its plugin, a deleted one removes it. One round makes at most one batch removal, the
 * upgrades, and one batch install. The ledger remembers what each file deployed, also across restarts.
 */
final class Deployer {

    /** Asks the watcher to look at a name again later. */
    @FunctionalInterface
    interface Rechecks {
        void recheck(String name, Duration delay);
    }

    private record Candidate(String name, Path file, JarProbe.Probe probe, String sha256) {
    }

    private final Path directory;
    private final PluginManager manager;
    private final DeployLedger ledger;
    private final StatusBoard board;
    private final Rechecks rechecks;
    private final Options options;
    private final Duration incompleteBound;
    private final boolean linksOutside;
    private final Clock clock;
    private final Logger log;

    Deployer(Path directory, PluginManager manager, DeployLedger ledger, StatusBoard board, Rechecks rechecks,
            Options options, Duration incompleteBound, boolean linksOutside, Clock clock, Logger log) {
        this.directory = directory;
        this.manager = manager;
        this.ledger = ledger;
        this.board = board;
        this.rechecks = rechecks;
        this.options = options;
        this.incompleteBound = incompleteBound;
        this.linksOutside = linksOutside;
        this.clock = clock;
        this.log = log;
    }

    /** At start: loads the ledger, then compares the whole directory with it (what changed while stopped). */
    void reconcile() {
        new LedgerLoader(ledger, manager, directory, clock, log).load();
        round(everything(), Set.of());
    }

    void handle(SettlingWatcher.Changes changes) {
        Set<String> names = new TreeSet<>(changes.touched());
        names.addAll(changes.rechecked());
        if (changes.everything()) {
            names.addAll(everything());
        }
        round(names, changes.rechecked());
    }

    private Set<String> everything() {
        Set<String> names = new TreeSet<>(ledger.entries().keySet());
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                names.add(file.getFileName().toString());
            }
        } catch (IOException e) {
            log.error("cannot list the deploy directory {}: {}", directory, e.getMessage());
        }
        return names;
    }

    /** @param rechecked names looked at again without an event since */
    private void round(Set<String> names, Set<String> rechecked) {
        Map<String, DeployLedger.Entry> removals = new LinkedHashMap<>();
        Map<String, Candidate> upgrades = new LinkedHashMap<>();
        Map<String, Candidate> installs = new LinkedHashMap<>();
        for (String name : names) {
            if (DeployNames.deployable(name)) {
                classify(name, rechecked.contains(name), removals, upgrades, installs);
            }
        }
        List<Overwrite> overwrites = pairRenames(removals, upgrades, installs);
        Map<String, String> incoming = new HashMap<>();
        installs.values().forEach(candidate -> incoming.put(candidate.name(), candidate.probe().id()));
        overwrites.forEach(overwrite -> incoming.put(overwrite.renamed().name(), overwrite.entry().id()));
        Set<String> stillHeld = new HashSet<>();
        boolean progress = remove(removals, incoming, stillHeld);
        installs.keySet().removeAll(stillHeld);
        finishOverwrites(overwrites, upgrades);
        progress |= upgrade(upgrades);
        progress |= install(installs);
        try {
            ledger.save();
        } catch (IOException e) {
            log.error("cannot write the deploy ledger: {}", e.getMessage());
        }
        if (progress) {
            retryDependencyFailures(names);
        }
    }

    private void classify(String name, boolean rechecked, Map<String, DeployLedger.Entry> removals,
            Map<String, Candidate> upgrades, Map<String, Candidate> installs) {
        Path file = directory.resolve(name);
        Optional<DeployLedger.Entry> entry = ledger.get(name);
        if (!Files.isRegularFile(file)) {
            if (entry.isPresent()) {
                removals.put(name, entry.get());
            } else {
                board.forget(name);
            }
            return;
        }
        Path source;
        try {
            source = source(name, file);
        } catch (Refused refused) {
            board.failed(name, entry.map(DeployLedger.Entry::id).orElse(null),
                    entry.map(DeployLedger.Entry::version).orElse(null),
                    new PluginException(Code.INVALID_ARCHIVE, refused.getMessage() + "; nothing was changed"));
            return;
        }
        JarProbe.Probe probe;
        String sha256;
        try {
            probe = JarProbe.probe(source);
            if (probe.kind() != JarProbe.Kind.BUNDLE) {
                notABundle(name, probe, rechecked);
                return;
            }
            sha256 = JarProbe.sha256(source);
        } catch (IOException e) {
            board.waiting(name, "cannot be read yet: " + e.getMessage());
            rechecks.recheck(name, incompleteBound);
            return;
        }
        Candidate candidate = new Candidate(name, source, probe, sha256);
        Optional<PluginInfo> installed = managed(probe.id());
        if (entry.isEmpty()) {
            if (installed.isPresent() && sha256.equals(installed.get().sha256())
                    && source.toUri().toString().equals(installed.get().source())) {
                adopt(candidate, installed.get());
            } else {
                installs.put(name, candidate);
            }
            return;
        }
        DeployLedger.Entry deployed = entry.get();
        boolean ownPluginThere = managed(deployed.id()).isPresent();
        if (deployed.sha256().equals(sha256)) {
            if (!ownPluginThere) {
                board.detached(name, deployed.id(), deployed.version());
            } else if (board.get(name).map(DeployedFile::status).orElse(null) != DeployedFile.Status.DEPLOYED) {
                board.deployed(name, deployed.id(), deployed.version(), "", deployed.since());
            }
        } else if (deployed.id().equals(probe.id()) && ownPluginThere) {
            upgrades.put(name, candidate);
        } else if (!ownPluginThere && sha256.equals(deployed.refused())) {
            board.detached(name, deployed.id(), deployed.version());
        } else {
            if (ownPluginThere) {
                removals.put(name, deployed);
            } else {
                ledger.remove(name, deployed.id());
            }
            installs.put(name, candidate);
        }
    }

    /** Why a file of the deploy directory is not read, whatever it holds. */
    private static final class Refused extends Exception {

        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /**
     * Where the file is read from: the file itself, or for a symbolic link the file it leads to, resolved once so
     * that a link swapped after it was checked is not followed again. Refused: a name with a control character (it
     * could forge log lines), and a link to a file outside the directory while such links are not allowed.
     */
    private Path source(String name, Path file) throws Refused {
        if (DeployNames.hasControlCharacter(name)) {
            throw new Refused("the name \"" + DeployNames.printable(name)
                    + "\" holds a control character (a line break or a tab, say); rename the file");
        }
        if (!Files.isSymbolicLink(file)) {
            return file;
        }
        Path target;
        try {
            target = file.toRealPath();
        } catch (IOException e) {
            throw new Refused(DeployNames.printable(name) + " is a symbolic link that cannot be followed: "
                    + e.getMessage());
        }
        if (!linksOutside && !target.startsWith(realDirectory())) {
            throw new Refused(DeployNames.printable(name) + " is a symbolic link to " + target
                    + ", outside the deploy directory; such links are followed only when links.outside is true in "
                    + WatchedDeployDirectory.PID);
        }
        return target;
    }

    private Path realDirectory() {
        try {
            return directory.toRealPath();
        } catch (IOException e) {
            return directory;
        }
    }

    private Optional<PluginInfo> managed(String id) {
        return manager.find(id).filter(PluginInfo::managed);
    }

    private void notABundle(String name, JarProbe.Probe probe, boolean rechecked) {
        boolean unchangedLongEnough = rechecked
                || clock.millis() - probe.stamp().modified() >= incompleteBound.toMillis();
        if (probe.kind() == JarProbe.Kind.INCOMPLETE && !unchangedLongEnough) {
            board.waiting(name, probe.problem() + "; waiting for it to be complete");
            rechecks.recheck(name, incompleteBound);
            return;
        }
        String problem = probe.kind() == JarProbe.Kind.INCOMPLETE ? probe.problem() + ", and has not changed for "
                + incompleteBound.toMillis() + " ms" : probe.problem();
        Optional<DeployLedger.Entry> entry = ledger.get(name);
        board.failed(name, entry.map(DeployLedger.Entry::id).orElse(null),
                entry.map(DeployLedger.Entry::version).orElse(null),
                new PluginException(Code.INVALID_ARCHIVE, name + " is " + problem + "; nothing was changed"));
    }

    /** A file whose plugin was installed from it, but not recorded in the ledger (a crash in between). */
    private void adopt(Candidate candidate, PluginInfo installed) {
        DeployLedger.Entry entry = DeployLedger.Entry.of(installed, clock);
        ledger.put(candidate.name(), entry);
        board.deployed(candidate.name(), installed.id(), installed.version(), "", entry.since());
    }

    /** A file renamed onto the name of another deployed file, whose plugin has to go first. */
    private record Overwrite(String oldName, DeployLedger.Entry entry, Candidate renamed) {
    }

    /**
     * A new file holding the plugin of a deployed file that is gone: a rename, not a removal and an install. A
     * renamed file whose plugin was removed with another tool stays detached, unless its content changed too. A
     * rename onto another deployed file's name waits for that file's plugin to be removed (returned).
     */
    private List<Overwrite> pairRenames(Map<String, DeployLedger.Entry> removals, Map<String, Candidate> upgrades,
            Map<String, Candidate> installs) {
        List<Overwrite> overwrites = new ArrayList<>();
        if (installs.isEmpty()) {
            return overwrites;
        }
        Map<String, List<String>> namesById = new HashMap<>();
        ledger.entries().forEach((name, entry) -> namesById.computeIfAbsent(entry.id(), id -> new ArrayList<>())
                .add(name));
        for (Candidate renamed : List.copyOf(installs.values())) {
            String oldName = namesById.getOrDefault(renamed.probe().id(), List.of()).stream()
                    .filter(name -> !name.equals(renamed.name()) && !Files.exists(directory.resolve(name)))
                    .findFirst().orElse(null);
            if (oldName == null) {
                continue;
            }
            DeployLedger.Entry entry = ledger.get(oldName).orElseThrow();
            removals.remove(oldName);
            if (managed(entry.id()).isEmpty() && !entry.sha256().equals(renamed.sha256())) {
                forget(oldName, entry);
            } else if (removals.containsKey(renamed.name())) {
                installs.remove(renamed.name());
                board.forget(oldName);
                overwrites.add(new Overwrite(oldName, entry, renamed));
            } else {
                installs.remove(renamed.name());
                rename(oldName, entry, renamed, upgrades);
            }
        }
        return overwrites;
    }

    private void rename(String oldName, DeployLedger.Entry entry, Candidate renamed, Map<String, Candidate> upgrades) {
        forget(oldName, entry);
        ledger.put(renamed.name(), entry);
        if (managed(entry.id()).isEmpty()) {
            board.detached(renamed.name(), entry.id(), entry.version());
        } else if (entry.sha256().equals(renamed.sha256())) {
            board.deployed(renamed.name(), entry.id(), entry.version(), "renamed from " + oldName + ":",
                    entry.since());
        } else {
            upgrades.put(renamed.name(), renamed);
        }
    }

    private void forget(String name, DeployLedger.Entry entry) {
        ledger.remove(name, entry.id());
        board.forget(name);
    }

    /** Overwrites whose target's plugin was removed become renames; the others wait with it. */
    private void finishOverwrites(List<Overwrite> overwrites, Map<String, Candidate> upgrades) {
        for (Overwrite overwrite : overwrites) {
            String target = overwrite.renamed().name();
            if (ledger.get(target).isEmpty()) {
                rename(overwrite.oldName(), overwrite.entry(), overwrite.renamed(), upgrades);
            }
        }
    }

    /**
     * Removes the plugins of deleted or replaced files. A replaced file whose old plugin cannot be removed goes
     * into {@code stillHeld}: its new content ({@code incoming}: the plugin id it now holds, by name) waits until
     * the old plugin can go.
     */
    private boolean remove(Map<String, DeployLedger.Entry> removals, Map<String, String> incoming,
            Set<String> stillHeld) {
        boolean progress = false;
        for (String name : List.copyOf(removals.keySet())) {
            DeployLedger.Entry entry = removals.get(name);
            if (managed(entry.id()).isEmpty() && !Files.exists(directory.resolve(name))) {
                forget(name, entry);
                removals.remove(name);
                progress = true;
            }
        }
        if (removals.isEmpty()) {
            return progress;
        }
        List<String> names = new ArrayList<>(removals.keySet());
        dev.plinth.api.Batch batch = manager.removeBatch(names.stream().map(name -> removals.get(name).id())
                .toList(), options);
        logPlan(batch.plan());
        List<BatchResult> results = batch.results();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            DeployLedger.Entry entry = removals.get(name);
            BatchResult result = results.get(i);
            boolean replaced = Files.exists(directory.resolve(name));
            if (result.succeeded() || result.failure().code() == Code.NOT_FOUND) {
                ledger.remove(name, entry.id());
                if (!replaced) {
                    board.forget(name);
                }
                if (result.succeeded()) {
                    log.info("{} was {}: removed {} {}", DeployNames.printable(name), replaced ? "replaced" : "deleted", entry.id(),
                            entry.version());
                    progress = true;
                }
            } else if (replaced && incoming.containsKey(name)) {
                stillHeld.add(name);
                PluginException failure = result.failure();
                board.failed(name, entry.id(), entry.version(), new PluginException(failure.code(), name
                        + " now holds " + incoming.get(name) + ", but " + failure.getMessage()
                        + "; the new content waits until " + entry.id() + " can go", failure.details(), failure));
            } else {
                board.failed(name, entry.id(), entry.version(), result.failure());
            }
        }
        return progress;
    }

    private boolean upgrade(Map<String, Candidate> upgrades) {
        boolean progress = false;
        for (Candidate candidate : upgrades.values()) {
            String id = candidate.probe().id();
            try {
                manager.upgrade(id, candidate.file().toUri(), options);
                Instant now = clock.instant();
                DeployLedger.Entry entry = installed(id, candidate.probe().version(), candidate, now);
                ledger.put(candidate.name(), entry);
                board.deployed(candidate.name(), id, entry.version(), "upgraded", now);
                progress = true;
            } catch (PluginException e) {
                ledger.get(candidate.name()).ifPresent(entry -> ledger.put(candidate.name(),
                        entry.withRefused(candidate.sha256())));
                board.failedChange(candidate.name(), id, candidate.probe().version(), e);
            }
        }
        return progress;
    }

    private boolean install(Map<String, Candidate> installs) {
        if (installs.isEmpty()) {
            return false;
        }
        List<Candidate> candidates = new ArrayList<>(installs.values());
        dev.plinth.api.Batch batch = manager.installBatch(candidates.stream().map(c -> c.file().toUri()).toList(),
                options);
        logPlan(batch.plan());
        List<BatchResult> results = batch.results();
        boolean progress = false;
        Instant now = clock.instant();
        for (int i = 0; i < candidates.size(); i++) {
            Candidate candidate = candidates.get(i);
            BatchResult result = results.get(i);
            String id = candidate.probe().id();
            if (result.succeeded()) {
                DeployLedger.Entry entry = installed(result.id(), result.version(), candidate, now);
                ledger.put(candidate.name(), entry);
                board.deployed(candidate.name(), entry.id(), entry.version(),
                        options.enable() ? "installed and enabled" : "installed", now);
                progress = true;
            } else {
                board.failed(candidate.name(), id, candidate.probe().version(), result.failure());
            }
        }
        return progress;
    }

    /** The plan of a batch the directory ran, as any verb's: its steps, in order. */
    private void logPlan(dev.plinth.api.Plan plan) {
        if (!plan.empty()) {
            log.info("{} {}: {}", plan.verb().label(), plan.target(), plan.steps().stream()
                    .map(step -> step.action().label() + " " + step.id() + " " + step.version())
                    .collect(java.util.stream.Collectors.joining(", ")));
        }
    }

    /**
     * The ledger entry of what the manager installed from a file: its id, version and sha-256 as the manager read
     * them, which are not the probe's when the file was replaced between the probe and the install (the manager opens
     * the file again). The probe's findings stand in only for what the manager does not tell.
     */
    private DeployLedger.Entry installed(String id, String version, Candidate candidate, Instant now) {
        String installedId = id != null ? id : candidate.probe().id();
        Optional<PluginInfo> plugin = managed(installedId);
        String installedVersion = plugin.map(PluginInfo::version).orElse(version != null ? version
                : candidate.probe().version());
        String sha256 = plugin.map(PluginInfo::sha256).filter(sha -> sha != null).orElse(candidate.sha256());
        return new DeployLedger.Entry(installedId, installedVersion, sha256, now);
    }

    /** Files that failed for want of another plugin (or because of one) are tried again after a change. */
    private void retryDependencyFailures(Set<String> justHandled) {
        for (DeployedFile file : board.files()) {
            boolean dependency = Code.UNRESOLVED.name().equals(file.code())
                    || Code.HAS_DEPENDENTS.name().equals(file.code());
            if (file.status() == DeployedFile.Status.FAILED && dependency && !justHandled.contains(file.file())) {
                rechecks.recheck(file.file(), Duration.ZERO);
            }
        }
    }
}
