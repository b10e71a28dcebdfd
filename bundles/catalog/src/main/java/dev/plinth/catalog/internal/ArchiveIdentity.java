package dev.plinth.catalog.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.framework.Version;

import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.common.BundleIdentity;

/** Checks that an archive holds the bundle its index entry names, so that an entry cannot smuggle in another. */
final class ArchiveIdentity {

    private ArchiveIdentity() {
    }

    static void check(Path archive, IndexResource resource) throws PluginException {
        BundleIdentity identity;
        try {
            identity = BundleIdentity.of(archive);
        } catch (IOException e) {
            throw new PluginException(Code.INVALID_ARCHIVE, "the archive of " + resource.label() + " from "
                    + resource.catalog() + " is not a readable jar: " + e.getMessage() + "; nothing was installed");
        }
        if (identity == null) {
            throw mismatch(resource, "no bundle");
        }
        String id = identity.symbolicName();
        String version = identity.version();
        Version actual;
        try {
            actual = Version.parseVersion(version);
        } catch (IllegalArgumentException e) {
            throw mismatch(resource, id + " with the invalid version \"" + version + "\"");
        }
        if (!id.equals(resource.id()) || !actual.equals(resource.version())) {
            throw mismatch(resource, id + " " + actual);
        }
    }

    private static PluginException mismatch(IndexResource resource, String holds) {
        return new PluginException(Code.INVALID_ARCHIVE, "the archive of " + resource.label() + " from "
                + resource.catalog() + " holds " + holds + ", not what its index entry names; nothing was installed");
    }
}
