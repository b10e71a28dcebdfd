package dev.plinth.deploy.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
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
    private final Logger log;

    Deployer(Path directory, PluginManager manager, DeployLedger ledger, StatusBoard board, Rechecks rechecks,
            Options options, Duration incompleteBound, Logger log) {
        this.directory = directory;
        this.manager = manager;
        this.ledger = ledger;
        this.board = board;
        this.rechecks = rechecks;
        this.options = options;
        this.incompleteBound = incompleteBound;
        this.log = log;
    }

    /** At start: compares the whole directory with the ledger (what changed while Plinth was stopped). */
    void reconcile() {
        round(everything(), Set.of(), false);
    }

    void handle(DeployWatcher.Changes changes) {
        Set<String> names = new TreeSet<>(changes.touched());
        names.addAll(changes.rechecked());
        if (changes.everything()) {
            names.addAll(everything());
        }
        round(names, changes.rechecked(), true);
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

    /**
     * @param rechecked names looked at again without an event since
     * @param live true for changes seen while running, false at start (an unchanged file whose plugin was
     *        removed with another tool is then left alone)
     */
    private void round(Set<String> names, Set<String> rechecked, boolean live) {
        Map<String, DeployLedger.Entry> removals = new LinkedHashMap<>();
        Map<String, Candidate> upgrades = new LinkedHashMap<>();
        Map<String, Candidate> installs = new LinkedHashMap<>();
        for (String name : names) {
            if (DeployNames.deployable(name)) {
                classify(name, rechecked.contains(name), live, removals, upgrades, installs);
            }
        }
        pairRenames(removals, upgrades, installs);
        boolean progress = remove(removals);
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

    private void classify(String name, boolean rechecked, boolean live, Map<String, DeployLedger.Entry> removals,
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
        JarProbe.Probe probe;
        String sha256;
        try {
            probe = JarProbe.probe(file);
            if (probe.kind() != JarProbe.Kind.BUNDLE) {
                notABundle(name, probe, rechecked);
                return;
            }
            sha256 = !live && entry.isPresent() && entry.get().stamp().equals(probe.stamp()) ? entry.get().sha256()
                    : JarProbe.sha256(file);
        } catch (IOException e) {
            board.waiting(name, "cannot be read yet: " + e.getMessage());
            rechecks.recheck(name, incompleteBound);
            return;
        }
        Candidate candidate = new Candidate(name, file, probe, sha256);
        Optional<PluginInfo> installed = manager.find(probe.id()).filter(PluginInfo::managed);
        if (entry.isEmpty()) {
            if (installed.isPresent() && sha256.equals(installed.get().sha256())
                    && file.toUri().toString().equals(installed.get().source())) {
                adopt(candidate, installed.get());
            } else {
                installs.put(name, candidate);
            }
            return;
        }
        DeployLedger.Entry deployed = entry.get();
        boolean ownPluginThere = manager.find(deployed.id()).filter(PluginInfo::managed).isPresent();
        if (deployed.sha256().equals(sha256)) {
            if (ownPluginThere) {
                if (board.get(name).map(DeployedFile::status).orElse(null) != DeployedFile.Status.DEPLOYED) {
                    board.deployed(name, deployed.id(), deployed.version(), "");
                }
                ledger.put(name, new DeployLedger.Entry(deployed.id(), deployed.version(), sha256, probe.stamp()));
            } else if (live) {
                installs.put(name, candidate);
            } else {
                board.detached(name, deployed.id(), deployed.version());
            }
        } else if (deployed.id().equals(probe.id()) && ownPluginThere) {
            upgrades.put(name, candidate);
        } else {
            if (ownPluginThere) {
                removals.put(name, deployed);
            } else {
                ledger.remove(name);
            }
            installs.put(name, candidate);
        }
    }

    private void notABundle(String name, JarProbe.Probe probe, boolean rechecked) {
        if (probe.kind() == JarProbe.Kind.INCOMPLETE && !rechecked) {
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
        ledger.put(candidate.name(), new DeployLedger.Entry(installed.id(), installed.version(), candidate.sha256(),
                candidate.probe().stamp()));
        board.deployed(candidate.name(), installed.id(), installed.version(), "");
    }

    /** A deleted file and a new file with the same plugin: a rename, not a removal and an install. */
    private void pairRenames(Map<String, DeployLedger.Entry> removals, Map<String, Candidate> upgrades,
            Map<String, Candidate> installs) {
        for (Iterator<Map.Entry<String, DeployLedger.Entry>> it = removals.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, DeployLedger.Entry> removal = it.next();
            Candidate renamed = installs.values().stream()
                    .filter(candidate -> candidate.probe().id().equals(removal.getValue().id())
                            && !candidate.name().equals(removal.getKey()))
                    .findFirst().orElse(null);
            if (renamed == null) {
                continue;
            }
            it.remove();
            installs.remove(renamed.name());
            ledger.remove(removal.getKey());
            board.forget(removal.getKey());
            DeployLedger.Entry entry = removal.getValue();
            if (entry.sha256().equals(renamed.sha256())) {
                ledger.put(renamed.name(), new DeployLedger.Entry(entry.id(), entry.version(), entry.sha256(),
                        renamed.probe().stamp()));
                board.deployed(renamed.name(), entry.id(), entry.version(), "renamed from " + removal.getKey() + ":");
            } else {
                ledger.put(renamed.name(), entry);
                upgrades.put(renamed.name(), renamed);
            }
        }
    }

    private boolean remove(Map<String, DeployLedger.Entry> removals) {
        if (removals.isEmpty()) {
            return false;
        }
        List<String> names = new ArrayList<>(removals.keySet());
        List<BatchResult> results = manager.removeAll(names.stream().map(name -> removals.get(name).id()).toList(),
                options);
        boolean progress = false;
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            DeployLedger.Entry entry = removals.get(name);
            BatchResult result = results.get(i);
            if (result.succeeded() || result.failure().code() == Code.NOT_FOUND) {
                ledger.remove(name);
                if (!Files.exists(directory.resolve(name))) {
                    board.forget(name);
                }
                if (result.succeeded()) {
                    log.info("{} was deleted: removed {} {}", name, entry.id(), entry.version());
                    progress = true;
                }
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
                String version = manager.find(id).map(PluginInfo::version).orElse(candidate.probe().version());
                ledger.put(candidate.name(), new DeployLedger.Entry(id, version, candidate.sha256(),
                        candidate.probe().stamp()));
                board.deployed(candidate.name(), id, version, "upgraded");
                progress = true;
            } catch (PluginException e) {
                board.failed(candidate.name(), id, candidate.probe().version(), e);
            }
        }
        return progress;
    }

    private boolean install(Map<String, Candidate> installs) {
        if (installs.isEmpty()) {
            return false;
        }
        List<Candidate> candidates = new ArrayList<>(installs.values());
        List<BatchResult> results = manager.installAll(candidates.stream().map(c -> c.file().toUri()).toList(),
                options);
        boolean progress = false;
        for (int i = 0; i < candidates.size(); i++) {
            Candidate candidate = candidates.get(i);
            BatchResult result = results.get(i);
            String id = candidate.probe().id();
            if (result.succeeded()) {
                ledger.put(candidate.name(), new DeployLedger.Entry(id, result.version(), candidate.sha256(),
                        candidate.probe().stamp()));
                board.deployed(candidate.name(), id, result.version(),
                        options.enable() ? "installed and enabled" : "installed");
                progress = true;
            } else {
                board.failed(candidate.name(), id, candidate.probe().version(), result.failure());
            }
        }
        return progress;
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
