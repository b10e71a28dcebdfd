package dev.plinth.shell.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.plinth.api.BatchResult;
import dev.plinth.api.Options;
import dev.plinth.api.PluginException;
import dev.plinth.api.PluginManager;
import dev.plinth.api.catalog.Catalog;
import dev.plinth.api.catalog.PluginSet;
import dev.plinth.common.AtomicFiles;

/**
 * The catalogue's {@code plugin:*} commands: what is available and outdated, updates and pins, and plugin sets to
 * export and apply. Present when the catalogue bundle runs; {@code plugin:install NAME} is in {@link PluginCommands}.
 */
@Component(service = Object.class, property = {
        "osgi.command.scope=plugin",
        "osgi.command.function=available",
        "osgi.command.function=outdated",
        "osgi.command.function=update",
        "osgi.command.function=pin",
        "osgi.command.function=unpin",
        "osgi.command.function=export",
        "osgi.command.function=apply" })
public final class CatalogCommands {


    private final Catalog catalog;
    private final PluginManager manager;
    private final PluginJson json;

    @Activate
    public CatalogCommands(@Reference(name = "catalog") Catalog catalog,
            @Reference(name = "manager") PluginManager manager) {
        this.catalog = catalog;
        this.manager = manager;
        this.json = new PluginJson();
    }

    @Descriptor("lists the plugins the catalogues offer")
    public Object available(
            @Descriptor("print a JSON array")
            @Parameter(names = { "--json" }, presentValue = "true", absentValue = "false") boolean asJson,
            @Descriptor("words that must occur in the id, description or commands") String... filter) {
        String words = String.join(" ", filter);
        CatalogViews.Available available = new CatalogViews.Available(catalog.available(words), words);
        return asJson ? new JsonText(json.available(available.entries())) : available;
    }

    @Descriptor("lists the installed plugins for which a catalogue has a newer version")
    public Object outdated(
            @Descriptor("print a JSON array")
            @Parameter(names = { "--json" }, presentValue = "true", absentValue = "false") boolean asJson) {
        CatalogViews.OutdatedPlugins outdated = new CatalogViews.OutdatedPlugins(Refusals.run(catalog::outdated));
        return asJson ? new JsonText(json.outdated(outdated.plugins())) : outdated;
    }

    @Descriptor("updates a plugin (or with --all every plugin not pinned) to the newest version this runtime can run")
    public Object update(
            @Descriptor("only show the plan; change nothing (one plugin only)")
            @Parameter(names = { "--simulate", "-s" }, presentValue = "true", absentValue = "false") boolean simulate,
            @Descriptor("update every outdated plugin that is not pinned")
            @Parameter(names = { "--all", "-a" }, presentValue = "true", absentValue = "false") boolean all,
            @Descriptor("the plugin id") String... ids) {
        if (all == (ids.length > 0) || ids.length > 1) {
            throw new CommandFailedException("plugin:update takes one plugin id, or --all");
        }
        if (!all) {
            return Refusals.run(() -> catalog.update(ids[0], shell().withSimulate(simulate)));
        }
        if (simulate) {
            throw new CommandFailedException("--all has no dry run; plugin:outdated shows what it would update");
        }
        List<BatchResult> results = Refusals.run(() -> catalog.updateAll(shell()));
        if (results.isEmpty()) {
            return new CatalogViews.Message("Nothing to update: every plugin not pinned is up to date.");
        }
        return new Batch("update", null, results).orFailure();
    }

    @Descriptor("keeps a plugin at its installed version: updates leave it alone")
    public CatalogViews.Message pin(@Descriptor("the plugin id") String id) {
        Refusals.run(() -> {
            catalog.pin(id);
            return null;
        });
        return new CatalogViews.Message("Pinned " + id + " at " + Refusals.run(() -> manager.get(id)).version() + ".");
    }

    @Descriptor("lets updates change a pinned plugin again")
    public CatalogViews.Message unpin(@Descriptor("the plugin id") String id) {
        Refusals.run(() -> {
            catalog.unpin(id);
            return null;
        });
        return new CatalogViews.Message("Unpinned " + id + ".");
    }

    @Descriptor("writes the managed plugins (versions, enabled or not, pins) as JSON, to a file or the console")
    public Object export(CommandSession session,
            @Descriptor("the file to write; the console when left out") String... file) {
        if (file.length > 1) {
            throw new CommandFailedException("plugin:export takes at most one file");
        }
        PluginSet set = Refusals.run(catalog::export);
        String json = catalog.toJson(set);
        if (file.length == 0) {
            return new JsonText(json.strip());
        }
        Path target = SetFiles.resolve(session, file[0]);
        try {
            AtomicFiles.write(target, json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CommandFailedException("cannot write " + target + ": " + e.getMessage());
        }
        return new CatalogViews.Message("Exported " + set.plugins().size() + " plugin"
                + (set.plugins().size() == 1 ? "" : "s") + " to " + target + ".");
    }

    @Descriptor("converges the plugins to a plugin set file written by plugin:export")
    public CatalogViews.Changes apply(CommandSession session,
            @Descriptor("only show the changes; make none")
            @Parameter(names = { "--simulate", "-s" }, presentValue = "true", absentValue = "false") boolean simulate,
            @Descriptor("the plugin set file") String file) {
        Path source = SetFiles.resolve(session, file);
        String text = SetFiles.read(source);
        PluginSet wanted = Refusals.run(() -> catalog.parse(text));
        return new CatalogViews.Changes(source.toString(),
                Refusals.run(() -> catalog.apply(wanted, shell().withSimulate(simulate))), simulate);
    }

    /** The options of a command of this session: its origin ({@code shell}, or {@code cli} from bin/plinth). */
    private static Options shell() {
        return Options.DEFAULT.withOrigin(Origins.current());
    }
}
