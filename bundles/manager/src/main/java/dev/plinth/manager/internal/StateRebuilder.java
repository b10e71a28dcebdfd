package dev.plinth.manager.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.osgi.framework.Bundle;
import org.osgi.service.log.Logger;

import dev.plinth.api.Operation;
import dev.plinth.api.PluginException;
import dev.plinth.api.PluginKind;

/**
 * Rebuilds the store's records when {@code state.json} cannot be read (a disk fault tore or emptied it): each
 * managed bundle of the framework cache becomes a record again, at the archive it was installed from (its
 * fingerprint, or the stored archive of its name and version), with what the last readable state knew of it (kind,
 * desired state, source, previous version). Of a bundle that the last readable state does not know, the history
 * tells the desired state and the kind (installed by the operator: a plugin; added for another: a library); only
 * when the history does not know it either is it a library because another managed bundle is wired to it.
 */
final class StateRebuilder {

    private final Store store;
    private final FrameworkAccess framework;
    private final ArchiveReader reader;
    private final Logger log;

    StateRebuilder(Store store, FrameworkAccess framework, ArchiveReader reader, Logger log) {
        this.store = store;
        this.framework = framework;
        this.reader = reader;
        this.log = log;
    }

    /** The records of {@code managed}; {@code previous} as it is when the framework cache has no managed bundle. */
    StoreState rebuild(Map<String, String> fingerprints, StoreState previous, List<Operation> history, Instant now) {
        List<Bundle> managed = framework.managedBundles();
        if (managed.isEmpty()) {
            return previous;
        }
        Map<String, Boolean> desired = desiredStates(history);
        Map<String, PluginKind> kinds = kinds(history);
        framework.resolve(managed);
        Set<String> provided = new HashSet<>();
        for (Bundle bundle : managed) {
            FrameworkAccess.providers(bundle).forEach(provider -> provided.add(FrameworkAccess.id(provider)));
        }
        Map<String, String> stored = null;
        Map<String, StoredPlugin> records = new TreeMap<>();
        for (Bundle bundle : managed) {
            String id = FrameworkAccess.id(bundle);
            String version = bundle.getVersion().toString();
            String sha256 = fingerprints.get(id);
            if (sha256 == null || !Files.isRegularFile(store.artifact(sha256))) {
                stored = stored == null ? storedArchives() : stored;
                sha256 = stored.get(id + " " + version);
            }
            if (sha256 == null) {
                log.error("{} {} cannot be kept: the store has no archive of it", id, version);
                continue;
            }
            records.put(id, record(id, version, sha256, previous.get(id).orElse(null),
                    kinds.getOrDefault(id, provided.contains(id) ? PluginKind.LIBRARY : PluginKind.PLUGIN),
                    desired.getOrDefault(id, false), now));
        }
        return new StoreState(previous.sequence() + 1, records);
    }

    private StoredPlugin record(String id, String version, String sha256, StoredPlugin known, PluginKind kind,
            boolean desired, Instant now) {
        if (known != null && known.sha256().equals(sha256)) {
            return known;
        }
        if (known != null) {
            return new StoredPlugin(id, version, sha256, known.source(), known.kind(), known.enabled(), null,
                    known.version(), known.sha256(), now, known.source());
        }
        return new StoredPlugin(id, version, sha256, store.artifact(sha256).toUri().toString(), kind,
                kind == PluginKind.LIBRARY || desired, null, null, null, now);
    }

    /** Whether each plugin was last wanted started, by the operations that succeeded, oldest first. */
    private static Map<String, Boolean> desiredStates(List<Operation> history) {
        Map<String, Boolean> desired = new HashMap<>();
        for (Operation operation : history) {
            if (operation.outcome() != Operation.Outcome.SUCCEEDED) {
                continue;
            }
            String id = operation.target();
            switch (operation.verb()) {
                case INSTALL -> desired.put(id, "deploy".equals(operation.origin()) || (operation.message() != null
                        && List.of(operation.message().split(", ")).contains("start " + id)));
                case ENABLE -> desired.put(id, true);
                case DISABLE -> desired.put(id, false);
                default -> {
                }
            }
        }
        return desired;
    }

    /**
     * The kind of each bundle by the operations that succeeded, oldest first: the target of an install is a plugin, a
     * library its operation added ("add-library id" in its summary) a library.
     */
    private static Map<String, PluginKind> kinds(List<Operation> history) {
        Map<String, PluginKind> kinds = new HashMap<>();
        for (Operation operation : history) {
            if (operation.outcome() != Operation.Outcome.SUCCEEDED) {
                continue;
            }
            if (operation.message() != null) {
                for (String step : operation.message().split(", ")) {
                    if (step.startsWith("add-library ")) {
                        kinds.put(step.substring("add-library ".length()), PluginKind.LIBRARY);
                    }
                }
            }
            if (operation.verb() == dev.plinth.api.Verb.INSTALL) {
                kinds.put(operation.target(), PluginKind.PLUGIN);
            }
        }
        return kinds;
    }

    /** The archives of the store by "id version". */
    private Map<String, String> storedArchives() {
        Map<String, String> archives = new HashMap<>();
        Path folder = store.artifact("x").getParent();
        if (!Files.isDirectory(folder)) {
            return archives;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.jar")) {
            for (Path file : files) {
                try {
                    Archive archive = reader.readStored(file, null);
                    archives.put(archive.id() + " " + archive.version(), archive.sha256());
                } catch (PluginException e) {
                    log.warn("{} in the store cannot be read: {}", file.getFileName(), e.getMessage());
                }
            }
        } catch (IOException e) {
            log.error("cannot list the archives in {}: {}", folder, e.getMessage());
        }
        return archives;
    }
}
