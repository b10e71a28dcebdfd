package dev.plinth.rest.internal;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import dev.plinth.api.storage.PluginStorage;
import dev.plinth.api.storage.StorageInfo;

/**
 * The plugins' storage: {@code GET /api/storage} lists every plugin's (kept ones of removed plugins too),
 * {@code GET /api/plugins/{id}/storage} answers one (404 {@code NOT_FOUND} when the plugin has none), and the plugin
 * document ({@code GET /api/plugins/{id}}) carries it. Without the storage bundle, 503 {@code STORAGE_UNAVAILABLE}
 * (and {@code storage: null} in the plugin document).
 */
final class StorageApi {

    private final Supplier<PluginStorage> storage;

    StorageApi(Supplier<PluginStorage> storage) {
        this.storage = storage;
    }

    /** {@code GET /api/storage}: every plugin's storage, sorted by id. */
    List<StorageInfo> all(String method, Query query) throws ApiException {
        Requests.requireGet(method);
        query.only(Set.of());
        return service().all();
    }

    /** {@code GET /api/plugins/{id}/storage}: plugin {@code id}'s storage, kept or not. */
    StorageInfo one(String method, String id, Query query) throws ApiException {
        Requests.requireGet(method);
        query.only(Set.of());
        try {
            return service().info(id).orElseThrow(() -> new ApiException(404, "NOT_FOUND", "no storage for " + id
                    + " (GET /api/storage lists the plugins that have some)"));
        } catch (IllegalStateException e) {
            throw new ApiException(409, "STORAGE_INCOMPLETE", e.getMessage());
        }
    }

    /**
     * Plugin {@code id}'s storage for its document, or {@code null} when it has none, when the storage bundle is not
     * running, or when it cannot tell (the document still answers; {@code /storage} gives the failure).
     */
    StorageInfo ofPlugin(String id) {
        PluginStorage service = storage.get();
        if (service == null) {
            return null;
        }
        try {
            return service.info(id).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private PluginStorage service() throws ApiException {
        PluginStorage service = storage.get();
        if (service == null) {
            throw new ApiException(503, "STORAGE_UNAVAILABLE", "storage is not installed (the bundle "
                    + "dev.plinth.storage is not running)");
        }
        return service;
    }
}
