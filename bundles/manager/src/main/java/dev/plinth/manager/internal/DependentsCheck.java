package dev.plinth.manager.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.namespace.ExecutionEnvironmentNamespace;
import org.osgi.framework.namespace.IdentityNamespace;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.Verb;

/**
 * Refuses a change after which a bundle that stays would lack what it is wired to in a bundle replaced: every
 * mandatory wire to a replaced bundle must be met by the new archives or by a bundle that stays.
 */
final class DependentsCheck {

    private static final Set<String> IGNORED = Set.of(IdentityNamespace.IDENTITY_NAMESPACE,
            ExecutionEnvironmentNamespace.EXECUTION_ENVIRONMENT_NAMESPACE);

    private final FrameworkAccess framework;
    private final StoreState state;
    private final CapabilityIndex.Naming naming;

    DependentsCheck(FrameworkAccess framework, StoreState state, CapabilityIndex.Naming naming) {
        this.framework = framework;
        this.state = state;
        this.naming = naming;
    }

    /**
     * @param replacing the installed bundles replaced, with their new archives
     * @param after what is offered once they are: the bundles that stay, the new archives, the libraries added
     * @throws PluginException HAS_DEPENDENTS, naming each requirement left unmet
     */
    void check(Map<Bundle, Archive> replacing, CapabilityIndex after, String target, Verb verb)
            throws PluginException {
        List<String> problems = new ArrayList<>();
        boolean fragmentsReplaced = replacing.keySet().stream().anyMatch(Fragments::is);
        for (Bundle kept : framework.all()) {
            if (replacing.containsKey(kept) || !FrameworkAccess.resolved(kept)) {
                continue;
            }
            BundleWiring wiring = kept.adapt(BundleWiring.class);
            if (wiring == null) {
                continue;
            }
            for (BundleWire wire : wiring.getRequiredWires(null)) {
                Bundle provider = fragmentsReplaced ? FrameworkAccess.declaring(wire)
                        : wire.getProviderWiring().getBundle();
                Capabilities.Req requirement = Capabilities.mandatory(wire.getRequirement());
                if (!replacing.containsKey(provider) || requirement == null || IGNORED.contains(
                        requirement.namespace()) || !after.matching(requirement).isEmpty()) {
                    continue;
                }
                Archive replacement = replacing.get(provider);
                String keptId = FrameworkAccess.id(kept);
                problems.add(naming.words(keptId) + " " + kept.getVersion() + " needs " + RequirementText.describe(
                        requirement) + ", which " + naming.words(replacement.id()) + " " + replacement.version()
                        + " does not offer" + why(keptId, replacement, target, verb));
            }
        }
        if (!problems.isEmpty()) {
            throw new PluginException(Code.HAS_DEPENDENTS, problems.get(0), problems.subList(1, problems.size()),
                    null);
        }
    }

    /** What stands behind a refused replacement, and what the operator can do about it. */
    private String why(String keptId, Archive replacement, String target, Verb verb) {
        boolean library = state.get(replacement.id()).map(StoredPlugin::library).orElse(false);
        if (library && !replacement.id().equals(target)) {
            return " (" + target + " needs library " + replacement.id() + " " + replacement.version()
                    + ", and two versions of one library are not installed side by side)";
        }
        boolean keptPlugin = state.get(keptId).map(record -> !record.library()).orElse(false);
        if (verb == Verb.UPGRADE && keptPlugin) {
            return " (" + keptId + " would have to change to a version that suits it in the same operation, as "
                    + "plugin:update and plugin:apply do from a catalogue)";
        }
        return "";
    }
}
