package dev.plinth.manager.internal;

import java.util.function.Supplier;

import dev.plinth.api.plugin.Namespaces;
import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;

/** Refuses an archive that needs a Plinth runtime version this runtime is not, naming the range it needs. */
final class RuntimeCompatibility {

    private RuntimeCompatibility() {
    }

    /** @param installed the capabilities on offer, built only when the archive asks for a runtime range */
    static void check(Archive archive, Supplier<CapabilityIndex> installed) throws PluginException {
        CapabilityIndex index = null;
        for (Capabilities.Req requirement : archive.requirements()) {
            if (!Namespaces.RUNTIME.equals(requirement.namespace())) {
                continue;
            }
            if (index == null) {
                index = installed.get();
            }
            if (index.matching(requirement).isEmpty()) {
                throw new PluginException(Code.INCOMPATIBLE, archive.id() + " " + archive.version() + " needs "
                        + RequirementText.describe(requirement) + "; this runtime is " + version(index));
            }
        }
    }

    private static String version(CapabilityIndex index) {
        return index.matching(new Capabilities.Req(Namespaces.RUNTIME, null)).stream()
                .map(offer -> String.valueOf(offer.cap().attributes().get("version"))).findFirst()
                .orElse("a Plinth runtime without a version");
    }
}
