package dev.plinth.settings.internal;

import java.util.Optional;

import org.osgi.service.cm.Configuration;

/**
 * Which configurations a plugin may get, read, change or delete through Configuration Admin: those it owns, not a
 * core PID ({@code dev.plinth.*}, the framework's services) nor one another plugin's metatype declares. A decision
 * that cannot be made (the metatypes cannot be read) refuses.
 */
final class PidGuard {

    private final Ownership ownership;

    PidGuard(Ownership ownership) {
        this.ownership = ownership;
    }

    /**
     * Refuses, with a {@link SecurityException} naming the PID and its owner, when {@code pluginId} may not
     * {@code action} the configuration {@code pid} (a PID or a factory PID; for {@code factoryPid~name}, the factory
     * PID's owner counts too).
     */
    void check(String pluginId, String action, String pid) {
        if (pid == null) {
            return;
        }
        Optional<String> owner = owner(pluginId, pid);
        if (owner.isPresent()) {
            throw new SecurityException(pluginId + " cannot " + action + " the configuration " + pid + ", but "
                    + owner.get() + " owns it");
        }
    }

    /** Refuses when {@code configuration} is not {@code pluginId}'s (its PID or its factory PID owned by another). */
    void check(String pluginId, String action, Configuration configuration) {
        check(pluginId, action, configuration.getFactoryPid());
        check(pluginId, action, configuration.getPid());
    }

    /** Whether {@code pluginId} may see {@code configuration}; {@code false} when it cannot be decided. */
    boolean owns(String pluginId, Configuration configuration) {
        try {
            return ownerOf(pluginId, configuration.getFactoryPid()).isEmpty()
                    && ownerOf(pluginId, configuration.getPid()).isEmpty();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private Optional<String> owner(String pluginId, String pid) {
        try {
            return ownerOf(pluginId, pid);
        } catch (RuntimeException e) {
            throw new SecurityException("the owner of the configuration " + pid + " cannot be checked ("
                    + e.getMessage() + "): " + pluginId + " is refused it", e);
        }
    }

    private Optional<String> ownerOf(String pluginId, String pid) {
        if (pid == null) {
            return Optional.empty();
        }
        Optional<String> owner = ownership.otherOwner(pluginId, pid);
        int named = pid.indexOf('~');
        if (owner.isEmpty() && named > 0) {
            owner = ownership.otherOwner(pluginId, pid.substring(0, named));
        }
        return owner;
    }
}
