package dev.plinth.config.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.osgi.service.log.Logger;

import dev.plinth.common.SettlingWatcher;
import dev.plinth.config.internal.AppliedFiles.Applied;

/**
 * Keeps Configuration Admin in step with the configuration files of one directory, one PID at a
 * time:
 * <ul>
 * <li>of several files for one PID, the first in {@link ConfigFileName#PRECEDENCE} is applied and
 * the others are reported; the configuration is deleted only when no file for its PID remains;</li>
 * <li>a file is applied when its content differs from what was last applied from it, or when its
 * configuration is missing; a change made through Configuration Admin since is kept (and said in
 * the log) until the file changes;</li>
 * <li>a change of an entry whose name starts with {@code ..} (the {@code ..data} link of a
 * Kubernetes ConfigMap, swapped atomically) makes it look at every file again.</li>
 * </ul>
 */
final class ConfigDirectory {

    private final Path directory;
    private final ConfigurationSync sync;
    private final AppliedFiles applied;
    private final Logger log;

    ConfigDirectory(Path directory, ConfigurationSync sync, AppliedFiles applied, Logger log) {
        this.directory = directory;
        this.sync = sync;
        this.applied = applied;
        this.log = log;
    }

    Path directory() {
        return directory;
    }

    /** Brings every configuration of the directory's files, present or gone, in step with its files. */
    void applyAll() {
        Set<String> pids = new TreeSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                ConfigFileName.parse(file.getFileName().toString()).ifPresent(name -> pids.add(name.pid()));
            }
        } catch (IOException e) {
            log.error("cannot list {}; no configuration is changed: {}", directory, e.getMessage());
            return;
        }
        Map<String, Dictionary<String, Object>> current;
        try {
            current = sync.currentFromFiles();
            for (String fileName : sync.appliedFiles()) {
                ConfigFileName.parse(fileName).ifPresent(name -> pids.add(name.pid()));
            }
        } catch (IOException e) {
            log.error("cannot list the configurations applied from {}; no configuration is changed: {}", directory,
                    e.getMessage());
            return;
        }
        pids.addAll(applied.pids());
        for (String pid : pids) {
            reconcile(pid, current::get);
        }
    }

    /** Handles the entries of the directory that changed; the directory itself stands for all of them. */
    /** Applies what changed: the named files, or every file when the watcher lost events. */
    void changed(SettlingWatcher.Changes changes) {
        changed(changes.everything() ? Set.of(directory)
                : changes.touched().stream().map(directory::resolve).collect(Collectors.toSet()));
    }

    void changed(Set<Path> entries) {
        Set<String> pids = new TreeSet<>();
        for (Path entry : entries) {
            if (entry.equals(directory) || entry.getFileName().toString().startsWith("..")) {
                applyAll();
                return;
            }
            ConfigFileName.parse(entry.getFileName().toString()).ifPresent(name -> pids.add(name.pid()));
        }
        for (String pid : pids) {
            reconcile(pid, sync::current);
        }
    }

    /** Looks up the current properties of a configuration by PID (null: none). */
    @FunctionalInterface
    private interface Current {
        Dictionary<String, Object> of(String pid) throws IOException;
    }

    private void reconcile(String pid, Current current) {
        List<ConfigFileName> present = new ArrayList<>();
        for (ConfigFileName name : ConfigFileName.candidates(pid)) {
            if (Files.isRegularFile(directory.resolve(name.fileName()))) {
                present.add(name);
            }
        }
        try {
            if (present.isEmpty()) {
                remove(pid);
            } else {
                apply(present.get(0), present.subList(1, present.size()), current.of(pid));
            }
        } catch (IOException | RuntimeException e) {
            String file = present.isEmpty() ? pid : directory.resolve(present.get(0).fileName()).toString();
            log.error("configuration file {} cannot be applied, the configuration {} stays as it was: {}", file, pid,
                    e.getMessage());
        }
    }

    private void apply(ConfigFileName winner, List<ConfigFileName> ignored, Dictionary<String, Object> current)
            throws IOException {
        Path file = directory.resolve(winner.fileName());
        if (!ignored.isEmpty()) {
            log.warn("{} files hold the configuration {}: {} is applied, {} ignored (.cfg.json wins over .config, "
                    + ".config over .cfg); delete the files you no longer want", ignored.size() + 1, winner.pid(),
                    file, ignored.stream().map(ConfigFileName::fileName).toList());
        }
        byte[] content = Files.readAllBytes(file);
        Applied now = new Applied(winner.fileName(), AppliedFiles.digest(content));
        if (now.equals(applied.get(winner.pid())) && current != null) {
            if (!ConfigurationSync.holds(winner, ConfigFileReader.read(content, winner), current)) {
                log.info("configuration {} was changed through Configuration Admin after {} was applied; the change "
                        + "is kept until the file changes", winner.pid(), file);
            }
            return;
        }
        if (sync.apply(winner, ConfigFileReader.read(content, winner))) {
            log.info("configuration {} applied from {}", winner.pid(), file);
        }
        applied.put(winner.pid(), now);
    }

    private void remove(String pid) throws IOException {
        boolean removed = false;
        for (ConfigFileName name : ConfigFileName.candidates(pid)) {
            removed |= sync.remove(name.fileName());
        }
        if (removed) {
            log.info("configuration {} deleted: no file for it is left in {}", pid, directory);
        }
        applied.forget(pid);
    }
}
