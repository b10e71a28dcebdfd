package dev.plinth.deploy.internal;

import java.util.Optional;

import dev.plinth.api.DeployedFile;
import dev.plinth.api.DeployedFile.Status;
import dev.plinth.api.PluginInfo;
import dev.plinth.api.PluginManager;

/**
 * A deployed file's status as it stands when it is read: when its plugin was removed, or moved to another version,
 * with another tool since the directory deployed it (also after a refused change of the file), the file is detached;
 * it is left alone until it changes.
 */
final class CurrentStatus {

    private CurrentStatus() {
    }

    static DeployedFile of(DeployedFile file, PluginManager manager, StatusBoard board) {
        if (file.status() == Status.FAILED && file.id() != null && board.isFailedChange(file.file())
                && manager.find(file.id()).filter(PluginInfo::managed).isEmpty()) {
            return detached(file, "plugin " + file.id() + " was removed with another tool");
        }
        if (file.status() != Status.DEPLOYED || file.id() == null) {
            return file;
        }
        Optional<PluginInfo> plugin = manager.find(file.id()).filter(PluginInfo::managed);
        if (plugin.isEmpty()) {
            return detached(file, "plugin " + file.id() + " was removed with another tool");
        }
        String version = plugin.get().version();
        if (file.version() != null && !file.version().equals(version)) {
            return detached(file, "plugin " + file.id() + " was changed to " + version + " with another tool");
        }
        return file;
    }

    private static DeployedFile detached(DeployedFile file, String why) {
        return new DeployedFile(file.file(), Status.DETACHED, file.id(), file.version(), null,
                why + "; the file is left alone until it changes", file.since());
    }
}
