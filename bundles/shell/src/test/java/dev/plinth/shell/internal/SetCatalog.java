package dev.plinth.shell.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.plinth.api.BatchResult;
import dev.plinth.api.Options;
import dev.plinth.api.Plan;
import dev.plinth.api.PluginException;
import dev.plinth.api.catalog.Catalog;
import dev.plinth.api.catalog.CatalogEntry;
import dev.plinth.api.catalog.Change;
import dev.plinth.api.catalog.Outdated;
import dev.plinth.api.catalog.PluginSet;

/** A catalogue that only reads plugin sets: {@link FakeFleet#SET} from any text but {@code bad}, recording it. */
final class SetCatalog implements Catalog {

    final List<String> parsed = new ArrayList<>();

    @Override
    public PluginSet parse(String json) throws PluginException {
        parsed.add(json);
        if (json.strip().equals("bad")) {
            throw new PluginException(PluginException.Code.INVALID_INPUT, "invalid plugin set: not JSON");
        }
        return FakeFleet.SET;
    }

    @Override
    public String toJson(PluginSet set) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<CatalogEntry> available(String filter) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Plan install(String id, String version, Options options) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Outdated> outdated() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Plan update(String id, Options options) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<BatchResult> updateAll(Options options) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void pin(String id) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void unpin(String id) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<String> pinned() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<CatalogEntry> providerOf(String command) {
        return Optional.empty();
    }

    @Override
    public Optional<String> sha256(String id, String version) {
        throw new UnsupportedOperationException();
    }

    @Override
    public PluginSet export() {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Change> apply(PluginSet wanted, Options options) {
        throw new UnsupportedOperationException();
    }
}
