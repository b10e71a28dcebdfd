package dev.plinth.manager.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.wiring.BundleRevision;

import dev.plinth.api.Options;
import dev.plinth.api.Plan;
import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.storage.PluginStorage;

/**
 * Fails closed when the extender a plugin needs is not running: a bundle that is installed but stopped (RESOLVED)
 * still provides its {@code osgi.extender} capability, so the plugin resolves, yet nothing would act for it (no
 * database, no migrations). Refuses an install, upgrade or start of a plugin with an {@code osgi.extender}
 * requirement that no ACTIVE bundle provides, and, for Plinth's storage, when its service is not registered; and a
 * removal with {@code --purge} of such a plugin, whose data only the running extender can delete.
 */
final class ExtenderCheck {

    private static final String EXTENDER = "osgi.extender";

    private final BundleContext context;

    ExtenderCheck(BundleContext context) {
        this.context = context;
    }

    void check(PlannedOperation operation, Options options) throws PluginException {
        for (PlannedOperation.Step step : operation.steps()) {
            List<Capabilities.Req> requirements = switch (step.action()) {
                case INSTALL, UPDATE -> step.archive() == null ? List.of() : step.archive().requirements();
                case START -> installed(step.id()).map(ExtenderCheck::requirements).orElse(List.of());
                case UNINSTALL -> options.purge() ? installed(step.id()).map(ExtenderCheck::requirements)
                        .orElse(List.of()) : List.of();
                default -> List.of();
            };
            for (Capabilities.Req requirement : requirements) {
                if (EXTENDER.equals(requirement.namespace())) {
                    Optional<String> missing = missing(requirement, operation);
                    if (missing.isPresent()) {
                        throw new PluginException(Code.UNRESOLVED, step.id() + " needs " + missing.get()
                                + ": nothing is changed");
                    }
                }
            }
        }
    }

    private Optional<String> missing(Capabilities.Req requirement, PlannedOperation operation)
            throws PluginException {
        Filter filter;
        try {
            filter = requirement.filter() == null ? null : FrameworkUtil.createFilter(requirement.filter());
        } catch (InvalidSyntaxException e) {
            throw new PluginException(Code.INVALID_ARCHIVE, "the requirement " + requirement.filter()
                    + " is no filter: " + e.getMessage());
        }
        if (startedBy(operation, filter)) {
            return Optional.empty();
        }
        List<String> stopped = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            BundleRevision revision = bundle.adapt(BundleRevision.class);
            if (revision == null || Capabilities.of(revision).stream().noneMatch(cap -> cap.matches(EXTENDER,
                    filter))) {
                continue;
            }
            if (bundle.getState() == Bundle.ACTIVE) {
                if (!storage(filter) || context.getServiceReference(PluginStorage.class.getName()) != null) {
                    return Optional.empty();
                }
                return Optional.of("Plinth's storage, whose bundle " + bundle.getSymbolicName() + " runs without "
                        + "its service (see the log)");
            }
            stopped.add(bundle.getSymbolicName());
        }
        String what = requirement.filter() == null ? "an extender" : "the extender " + requirement.filter();
        return Optional.of(what + ", which no running bundle provides" + (stopped.isEmpty() ? ""
                : " (" + String.join(", ", stopped) + " is installed but not running: start it)"));
    }

    /** Whether the operation itself installs or updates, and starts, a bundle providing the extender. */
    private static boolean startedBy(PlannedOperation operation, Filter filter) {
        return operation.steps().stream().anyMatch(step -> step.archive() != null
                && step.archive().capabilities().stream().anyMatch(cap -> cap.matches(EXTENDER, filter))
                && operation.steps().stream().anyMatch(start -> start.action() == Plan.Action.START
                        && start.id().equals(step.id())));
    }

    private static boolean storage(Filter filter) {
        return filter != null && filter.toString().contains(EXTENDER + "=" + PluginStorage.EXTENDER + ")");
    }

    private Optional<Bundle> installed(String id) {
        for (Bundle bundle : context.getBundles()) {
            if (id.equals(bundle.getSymbolicName()) && bundle.getState() != Bundle.UNINSTALLED) {
                return Optional.of(bundle);
            }
        }
        return Optional.empty();
    }

    private static List<Capabilities.Req> requirements(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        return revision == null ? List.of() : Capabilities.requirementsOf(revision);
    }
}
