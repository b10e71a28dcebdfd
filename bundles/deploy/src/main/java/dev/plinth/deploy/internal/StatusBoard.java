package dev.plinth.deploy.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

import org.osgi.service.log.Logger;

import dev.plinth.api.DeployedFile;
import dev.plinth.api.DeployedFile.Status;
import dev.plinth.api.PluginException;

/** Where each file of the deploy directory stands, as {@code plugin:deploy-status} shows it; changes are logged. */
final class StatusBoard {

    private final Map<String, DeployedFile> files = new ConcurrentSkipListMap<>();
    /** Files whose plugin is installed from an earlier content, and whose new content was refused. */
    private final java.util.Set<String> refusedChanges = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Logger log;
    private final Clock clock;

    StatusBoard(Logger log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    List<DeployedFile> files() {
        return new ArrayList<>(files.values());
    }

    Optional<DeployedFile> get(String name) {
        return Optional.ofNullable(files.get(name));
    }

    /** {@code name} holds the plugin installed from it since {@code since}; {@code what} just happened, if anything. */
    void deployed(String name, String id, String version, String what, Instant since) {
        set(new DeployedFile(name, Status.DEPLOYED, id, version, null, what, since));
        if (!what.isEmpty()) {
            log.info("{}: {} {} {}", DeployNames.printable(name), what, id, version);
        }
    }

    void waiting(String name, String why) {
        DeployedFile previous = files.get(name);
        if (previous == null || previous.status() != Status.WAITING) {
            set(new DeployedFile(name, Status.WAITING, null, null, null, why, clock.instant()));
            log.debug("{}: waiting, {}", DeployNames.printable(name), why);
        }
    }

    /** The new content of a file whose plugin is installed from it was refused (an upgrade failed). */
    void failedChange(String name, String id, String version, PluginException failure) {
        failed(name, id, version, failure);
        refusedChanges.add(name);
    }

    /** Whether the file's plugin is installed from its earlier content, the new one having been refused. */
    boolean isFailedChange(String name) {
        return refusedChanges.contains(name);
    }

    void failed(String name, String id, String version, PluginException failure) {
        set(new DeployedFile(name, Status.FAILED, id, version, failure.code().name(), failure.getMessage(),
                clock.instant()));
        log.warn("{} cannot be deployed: {}{}", DeployNames.printable(name), failure.getMessage(), details(failure));
    }

    void detached(String name, String id, String version) {
        set(new DeployedFile(name, Status.DETACHED, id, version, null, "plugin " + id
                + " was removed with another tool; the file is left alone until it changes", clock.instant()));
    }

    void forget(String name) {
        refusedChanges.remove(name);
        files.remove(name);
    }

    private void set(DeployedFile file) {
        refusedChanges.remove(file.file());
        files.put(file.file(), file);
    }

    private static String details(PluginException failure) {
        return failure.details().isEmpty() ? "" : "\n  " + String.join("\n  ", failure.details());
    }
}
