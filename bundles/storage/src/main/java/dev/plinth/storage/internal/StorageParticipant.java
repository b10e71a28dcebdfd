package dev.plinth.storage.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.osgi.framework.Bundle;

import dev.plinth.api.Plan;
import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.Verb;
import dev.plinth.api.extension.OperationContext;
import dev.plinth.api.extension.OperationParticipant;

/**
 * Storage's part in the plugin manager's operations. At plan time (dry run too): the migrations an install or upgrade
 * would run, a refused downgrade or edited migration, what a rollback restores, whether a removal keeps the data, and
 * an enable refused when the plugin's data is not at the schema its bundle's migrations end with (no migration runs).
 * After the bundle changes: create or migrate the data (after a snapshot), or restore the rollback point, with an
 * undo. At commit: keep the snapshot as the rollback point, or delete a removed plugin's data with {@code purge}.
 */
final class StorageParticipant implements OperationParticipant {

    private final StorageService storage;
    private final Function<String, Optional<Bundle>> installed;

    StorageParticipant(StorageService storage, Function<String, Optional<Bundle>> installed) {
        this.storage = storage;
        this.installed = installed;
    }

    @Override
    public void check(Plan plan) {
        // without the archives nothing can be said: the manager calls check(plan, context)
    }

    @Override
    public void check(Plan plan, OperationContext context) throws PluginException {
        for (Plan.Step step : plan.steps()) {
            String id = step.id();
            switch (step.action()) {
                case INSTALL, UPDATE -> {
                    if (plan.verb() == Verb.ROLLBACK && step.action() == Plan.Action.UPDATE) {
                        Optional<String> note = storage.planRollback(id, step.version());
                        if (note.isPresent()) {
                            context.note(id, note.get());
                            continue;
                        }
                    }
                    Optional<Path> archive = context.archive(id);
                    if (archive.isEmpty()) {
                        continue;
                    }
                    try (ArchiveMigrations migrations = new ArchiveMigrations(archive.get())) {
                        if (!migrations.asksForStorage()) {
                            if (step.action() == Plan.Action.UPDATE) {
                                storage.planUnused(id, step.version()).ifPresent(note -> context.note(id, note));
                            }
                            continue;
                        }
                        List<String> notes = step.action() == Plan.Action.INSTALL
                                ? storage.planInstall(id, step.version(), migrations)
                                : storage.planUpgrade(id, step.version(), migrations);
                        notes.forEach(note -> context.note(id, note));
                    } catch (IOException e) {
                        throw new PluginException(Code.INVALID_ARCHIVE, "the archive of " + id
                                + " cannot be read for its migrations: " + e.getMessage(), List.of(), e);
                    }
                }
                case UNINSTALL -> storage.planRemove(id, context.options().purge())
                        .ifPresent(note -> context.note(id, note));
                case START -> {
                    if (!changes(plan, id)) {
                        Optional<Bundle> bundle = installed.apply(id).filter(StorageRequirement::asks);
                        if (bundle.isPresent()) {
                            storage.checkReady(bundle.get());
                        }
                    }
                }
                default -> {
                }
            }
        }
    }

    /** Whether the plan installs or updates {@code id}: then its data is checked against the archive instead. */
    private static boolean changes(Plan plan, String id) {
        return plan.steps().stream().anyMatch(step -> step.id().equals(id)
                && (step.action() == Plan.Action.INSTALL || step.action() == Plan.Action.UPDATE));
    }

    @Override
    public Work apply(Plan plan, OperationContext context) throws PluginException {
        Deque<Runnable> done = new ArrayDeque<>();
        try {
            for (Plan.Step step : plan.steps()) {
                if (step.action() == Plan.Action.UNINSTALL && context.options().purge()) {
                    done.push(storage.purge(step.id()));
                    continue;
                }
                if (step.action() != Plan.Action.INSTALL && step.action() != Plan.Action.UPDATE) {
                    continue;
                }
                Optional<Bundle> bundle = installed.apply(step.id()).filter(StorageRequirement::asks);
                if (bundle.isEmpty()) {
                    continue;
                }
                if (step.action() == Plan.Action.INSTALL) {
                    done.push(storage.install(bundle.get()));
                } else if (plan.verb() == Verb.ROLLBACK) {
                    done.push(storage.rollback(bundle.get()));
                } else {
                    done.push(storage.upgrade(bundle.get()));
                }
            }
        } catch (PluginException | RuntimeException e) {
            undo(done, e);
            throw e;
        }
        if (done.isEmpty()) {
            return Work.NONE;
        }
        return () -> undo(done, null);
    }

    private static void undo(Deque<Runnable> done, Exception failure) {
        RuntimeException first = null;
        while (!done.isEmpty()) {
            try {
                done.pop().run();
            } catch (RuntimeException e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                } else if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public void committed(Plan plan, OperationContext context) {
        for (Plan.Step step : plan.steps()) {
            switch (step.action()) {
                case INSTALL, UPDATE -> storage.committed(step.id());
                case UNINSTALL -> storage.removed(step.id(), context.options().purge());
                default -> {
                }
            }
        }
    }
}
