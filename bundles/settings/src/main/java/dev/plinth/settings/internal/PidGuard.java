package dev.plinth.settings.internal;

import java.util.Optional;
import java.util.function.Supplier;

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
        Optional<String> owner;
        try {
            owner = boundOwner(pluginId, configuration);
        } catch (RuntimeException e) {
            throw new SecurityException("the owner of the configuration " + configuration.getPid()
                    + " cannot be checked (" + e.getMessage() + "): " + pluginId + " is refused it", e);
        }
        if (owner.isPresent()) {
            throw new SecurityException(pluginId + " cannot " + action + " the configuration "
                    + configuration.getPid() + ", but " + owner.get() + " owns it");
        }
    }

    /** The owner by binding of a configuration whose PID no metatype of {@code pluginId} declares. */
    private Optional<String> boundOwner(String pluginId, Configuration configuration) {
        String factoryPid = configuration.getFactoryPid();
        return ownership.boundOwner(pluginId, factoryPid != null ? factoryPid : configuration.getPid(),
                configuration.getBundleLocation());
    }

    /** Whether {@code pluginId} may see {@code configuration}; {@code false} when it cannot be decided. */
    boolean owns(String pluginId, Configuration configuration) {
        try {
            return ownerOf(pluginId, configuration.getFactoryPid()).isEmpty()
                    && ownerOf(pluginId, configuration.getPid()).isEmpty()
                    && boundOwner(pluginId, configuration).isEmpty();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Whether {@code pluginId} owns, by the location it is bound to, a configuration whose PIDs it may own by name
     * (an event's: {@code location} gives the binding of one that still exists); {@code false} when it cannot be
     * decided.
     */
    boolean ownsBound(String pluginId, String factoryPid, String pid, Supplier<String> location) {
        try {
            return ownership.boundOwner(pluginId, factoryPid != null ? factoryPid : pid, location.get()).isEmpty();
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
