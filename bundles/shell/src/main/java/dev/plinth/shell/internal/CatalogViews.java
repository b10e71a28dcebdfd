package dev.plinth.shell.internal;

import java.util.List;

import dev.plinth.api.catalog.CatalogEntry;
import dev.plinth.api.catalog.Change;
import dev.plinth.api.catalog.Outdated;

/** What the catalogue commands return, for {@link ShellFormatter}. */
final class CatalogViews {

    private CatalogViews() {
    }

    /** {@code plugin:available}: the plugins on offer, and the filter they were chosen by. */
    record Available(List<CatalogEntry> entries, String filter) {

        Available {
            entries = List.copyOf(entries);
        }
    }

    /** {@code plugin:outdated}. */
    record OutdatedPlugins(List<Outdated> plugins) {

        OutdatedPlugins {
            plugins = List.copyOf(plugins);
        }
    }

    /** {@code plugin:apply}: the changes made, or in a dry run to be made. */
    record Changes(String file, List<Change> changes, boolean simulated) {

        Changes {
            changes = List.copyOf(changes);
        }
    }

    /** A one-line answer ({@code plugin:pin}, {@code plugin:export} to a file). */
    record Message(String text) {
    }
}
