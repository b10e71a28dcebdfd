package dev.plinth.api;

import java.time.Instant;
import java.util.List;

/**
 * An immutable view of one bundle as the manager sees it.
 *
 * @param id the plugin id, which is the bundle's symbolic name
 * @param version the bundle version
 * @param name the {@code Bundle-Name}, or the id when there is none
 * @param description the {@code Bundle-Description}, or an empty string
 * @param vendor the {@code Bundle-Vendor}, or an empty string
 * @param license the {@code Bundle-License}, or an empty string
 * @param docUrl the {@code Bundle-DocURL}, or an empty string
 * @param kind plugin, library, system or unmanaged
 * @param state the state an operator sees
 * @param bundleId the framework's bundle id, or -1 when the bundle is not in the framework
 * @param requires ids of the bundles this one is wired to (what it needs)
 * @param requiredBy ids of the bundles wired to this one (what needs it)
 * @param lastError why the last enable or start failed, or {@code null}
 * @param previousVersion the version {@code rollback} returns to, or {@code null}
 * @param sha256 the sha-256 of the installed archive (hex), or {@code null} for bundles not managed
 * @param source where the archive came from, or {@code null} for bundles not managed
 * @param installedAt when the manager installed the current version, or {@code null}
 * @param installedBy for a bundle the manager did not install, the id of the bundle that installed it (a plugin
 *        that installs bundles of its own, say), when the manager saw it happen; {@code null} otherwise
 * @param fragmentHost for a fragment (a bundle with a {@code Fragment-Host} header), the id of the host it attaches
 *        to; {@code null} for every other bundle. A fragment is never started: its state is {@code enabled} while it
 *        is attached to its host
 */
public record PluginInfo(String id, String version, String name, String description, String vendor,
        String license, String docUrl, PluginKind kind, PluginState state, long bundleId, List<String> requires,
        List<String> requiredBy, String lastError, String previousVersion, String sha256, String source,
        Instant installedAt, String installedBy, String fragmentHost) {

    public PluginInfo {
        requires = List.copyOf(requires);
        requiredBy = List.copyOf(requiredBy);
    }

    /** A view of a bundle that is not a fragment. */
    public PluginInfo(String id, String version, String name, String description, String vendor, String license,
            String docUrl, PluginKind kind, PluginState state, long bundleId, List<String> requires,
            List<String> requiredBy, String lastError, String previousVersion, String sha256, String source,
            Instant installedAt, String installedBy) {
        this(id, version, name, description, vendor, license, docUrl, kind, state, bundleId, requires, requiredBy,
                lastError, previousVersion, sha256, source, installedAt, installedBy, null);
    }

    /** A view with no {@link #installedBy()}: what the manager shows of every bundle it installed itself. */
    public PluginInfo(String id, String version, String name, String description, String vendor, String license,
            String docUrl, PluginKind kind, PluginState state, long bundleId, List<String> requires,
            List<String> requiredBy, String lastError, String previousVersion, String sha256, String source,
            Instant installedAt) {
        this(id, version, name, description, vendor, license, docUrl, kind, state, bundleId, requires, requiredBy,
                lastError, previousVersion, sha256, source, installedAt, null, null);
    }

    /** True for a fragment: a bundle attached to its {@link #fragmentHost()}, never started on its own. */
    public boolean fragment() {
        return fragmentHost != null;
    }

    /** True for plugins and libraries: the bundles the manager owns. */
    public boolean managed() {
        return kind == PluginKind.PLUGIN || kind == PluginKind.LIBRARY;
    }
}
