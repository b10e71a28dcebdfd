package dev.plinth.deploy.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.osgi.service.log.Logger;

import dev.plinth.api.PluginInfo;
import dev.plinth.api.PluginManager;

/**
 * Loads the deploy ledger at start. When there is none, when it cannot be read (it is set aside) or when it was
 * kept for another directory, it is rebuilt from the plugin store: each plugin installed from a file of the
 * directory counts as deployed from that file.
 */
final class LedgerLoader {

    private final DeployLedger ledger;
    private final PluginManager manager;
    private final Path directory;
    private final Clock clock;
    private final Logger log;

    LedgerLoader(DeployLedger ledger, PluginManager manager, Path directory, Clock clock, Logger log) {
        this.ledger = ledger;
        this.manager = manager;
        this.directory = directory;
        this.clock = clock;
        this.log = log;
    }

    void load() {
        try {
            if (!ledger.load()) {
                rebuildLedger();
                return;
            }
        } catch (IOException e) {
            String aside;
            try {
                aside = "it is kept as " + ledger.setAside().getFileName();
            } catch (IOException moving) {
                aside = "it cannot be set aside either: " + moving.getMessage();
            }
            log.error("{}; {}, and what the deploy directory deployed is taken from the plugins installed from {}",
                    e.getMessage(), aside, directory);
            rebuildLedger();
            return;
        }
        Optional<Path> recorded = ledger.directory();
        if (recorded.isPresent() && !recorded.get().equals(directory)) {
            log.warn("the deploy directory is now {} instead of {}: the plugins deployed from {} stay installed and "
                    + "are no longer followed", directory, recorded.get(), recorded.get());
            rebuildLedger();
        } else if (recorded.isEmpty()) {
            ledger.restart(directory, ledger.entries());
        }
    }

    /** The ledger as the manager's records tell it: each plugin installed from a file of this directory. */
    private void rebuildLedger() {
        Map<String, DeployLedger.Entry> found = new TreeMap<>();
        for (PluginInfo plugin : manager.plugins()) {
            Optional<Path> file = sourceFile(plugin);
            if (file.isPresent() && directory.equals(file.get().getParent()) && plugin.sha256() != null) {
                found.put(file.get().getFileName().toString(), DeployLedger.Entry.of(plugin, clock));
            }
        }
        ledger.restart(directory, found);
    }

    private static Optional<Path> sourceFile(PluginInfo plugin) {
        try {
            URI source = plugin.source() == null ? null : new URI(plugin.source());
            return source != null && "file".equals(source.getScheme())
                    ? Optional.of(Path.of(source).toAbsolutePath().normalize())
                    : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
