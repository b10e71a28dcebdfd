package dev.plinth.catalog.internal;

import java.util.List;

import org.osgi.framework.Version;

import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;

/** Picks the version of a plugin an operator asks for from what the catalogues offer. */
final class Versions {

    private Versions() {
    }

    /**
     * @param wanted an exact version, or {@code null}, blank or {@code latest} for the newest this runtime can run
     * @throws PluginException NOT_FOUND when no catalogue offers it, INCOMPATIBLE when the runtime cannot run it
     */
    static IndexResource pick(Selection selection, String id, String wanted, List<String> problems)
            throws PluginException {
        List<IndexResource> versions = selection.versions(id);
        if (versions.isEmpty()) {
            throw new PluginException(Code.NOT_FOUND, "no catalogue offers " + id
                    + (problems.isEmpty() ? "" : " (" + String.join("; ", problems) + ")")
                    + "; plugin:available lists what they offer");
        }
        String offered = String.join(", ", versions.stream().map(r -> r.version().toString()).toList());
        if (wanted == null || wanted.isBlank() || wanted.equalsIgnoreCase("latest")) {
            return selection.newestCompatible(id).orElseThrow(() -> incompatible(selection, versions.get(0)));
        }
        Version version;
        try {
            version = Version.parseVersion(wanted.trim());
        } catch (IllegalArgumentException e) {
            throw new PluginException(Code.INVALID_INPUT, "\"" + wanted + "\" is not a version (offered: " + offered
                    + ")");
        }
        IndexResource picked = versions.stream().filter(r -> r.version().equals(version)).findFirst()
                .orElseThrow(() -> new PluginException(Code.NOT_FOUND, "no catalogue offers " + id + " " + version
                        + " (offered: " + offered + ")"));
        if (!selection.compatible(picked)) {
            throw incompatible(selection, picked);
        }
        return picked;
    }

    static PluginException incompatible(Selection selection, IndexResource resource) {
        return new PluginException(Code.INCOMPATIBLE, resource.label() + " needs Plinth runtime "
                + Ranges.describe(resource.runtimeFilter().orElse("")) + "; this runtime is "
                + selection.runtimeVersion());
    }
}
