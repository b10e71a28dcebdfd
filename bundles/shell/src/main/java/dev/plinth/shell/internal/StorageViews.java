package dev.plinth.shell.internal;

import java.util.List;
import java.util.Optional;

import dev.plinth.api.PluginDetails;
import dev.plinth.api.storage.PluginStorage;
import dev.plinth.api.storage.StorageInfo;

/** What {@code plugin:info} and {@code plugin:storage} return about storage, for {@link ShellFormatter}. */
final class StorageViews {

    /** The words when Plinth's storage is not running. */
    static final String NOT_INSTALLED = "not installed (the bundle dev.plinth.storage is not running)";

    private StorageViews() {
    }

    /**
     * A plugin's storage as {@code plugin:info} shows it.
     *
     * @param installed false when Plinth's storage is not running (then nothing else is known)
     * @param info the plugin's storage, or {@code null} when it has none
     * @param problem why the storage could not be read, or {@code null}
     */
    record Section(boolean installed, StorageInfo info, String problem) {

        /** The section of plugin {@code id} as {@code service} ({@code null}: not running) tells it. */
        static Section of(PluginStorage service, String id) {
            if (service == null) {
                return new Section(false, null, null);
            }
            try {
                Optional<StorageInfo> info = service.info(id);
                return new Section(true, info.orElse(null), null);
            } catch (RuntimeException e) {
                return new Section(true, null, String.valueOf(e.getMessage()));
            }
        }
    }

    /** {@code plugin:info}: the plugin's details and its storage. */
    record Plugin(PluginDetails details, Section storage) {
    }

    /** {@code plugin:storage}: the storage of every plugin that has some, kept ones too. */
    record Storages(List<StorageInfo> storages) {

        Storages {
            storages = List.copyOf(storages);
        }
    }

    /** {@code plugin:storage ID}: one plugin's storage. */
    record Storage(StorageInfo info) {
    }
}
