package dev.plinth.manager.internal;

import java.time.Instant;

import dev.plinth.api.PluginKind;

/**
 * The store's record of one managed bundle: what is installed and what the operator wants of it.
 *
 * @param id the symbolic name
 * @param version the installed version
 * @param sha256 the installed archive (content address in the store)
 * @param source where the archive came from
 * @param kind {@link PluginKind#PLUGIN} or {@link PluginKind#LIBRARY}
 * @param enabled the desired state: started or not
 * @param lastError why the last start failed, or null
 * @param previousVersion the version before the last upgrade, or null
 * @param previousSha256 its archive, or null
 * @param installedAt when the current version was installed
 * @param previousSource where the previous version's archive came from, or null (unknown to older stores)
 */
record StoredPlugin(String id, String version, String sha256, String source, PluginKind kind, boolean enabled,
        String lastError, String previousVersion, String previousSha256, Instant installedAt, String previousSource) {

    /** A record whose previous version's source is not known. */
    StoredPlugin(String id, String version, String sha256, String source, PluginKind kind, boolean enabled,
            String lastError, String previousVersion, String previousSha256, Instant installedAt) {
        this(id, version, sha256, source, kind, enabled, lastError, previousVersion, previousSha256, installedAt, null);
    }

    StoredPlugin withEnabled(boolean value) {
        return new StoredPlugin(id, version, sha256, source, kind, value, value ? null : lastError, previousVersion,
                previousSha256, installedAt, previousSource);
    }

    StoredPlugin withLastError(String value) {
        return new StoredPlugin(id, version, sha256, source, kind, enabled, value, previousVersion, previousSha256,
                installedAt, previousSource);
    }

    /**
     * This record after an upgrade (or rollback) to {@code archive}, keeping the current version (and where it came
     * from) as previous.
     */
    StoredPlugin replacedBy(Archive archive, Instant now) {
        return new StoredPlugin(id, archive.version().toString(), archive.sha256(), archive.source(), kind, enabled,
                null, version, sha256, now, source);
    }

    boolean library() {
        return kind == PluginKind.LIBRARY;
    }
}
