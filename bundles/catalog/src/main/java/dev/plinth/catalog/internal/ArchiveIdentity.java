package dev.plinth.catalog.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.osgi.framework.Constants;
import org.osgi.framework.Version;

import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;

/** Checks that an archive holds the bundle its index entry names, so that an entry cannot smuggle in another. */
final class ArchiveIdentity {

    private ArchiveIdentity() {
    }

    static void check(Path archive, IndexResource resource) throws PluginException {
        String id;
        String version;
        try (JarFile jar = new JarFile(archive.toFile(), false)) {
            Manifest manifest = jar.getManifest();
            Attributes main = manifest == null ? new Attributes() : manifest.getMainAttributes();
            id = symbolicName(main.getValue(Constants.BUNDLE_SYMBOLICNAME));
            version = main.getValue(Constants.BUNDLE_VERSION);
        } catch (IOException e) {
            throw new PluginException(Code.INVALID_ARCHIVE, "the archive of " + resource.label() + " from "
                    + resource.catalog() + " is not a readable jar: " + e.getMessage() + "; nothing was installed");
        }
        if (id == null) {
            throw mismatch(resource, "no bundle");
        }
        Version actual;
        try {
            actual = Version.parseVersion(version == null ? null : version.trim());
        } catch (IllegalArgumentException e) {
            throw mismatch(resource, id + " with the invalid version \"" + version + "\"");
        }
        if (!id.equals(resource.id()) || !actual.equals(resource.version())) {
            throw mismatch(resource, id + " " + actual);
        }
    }

    private static String symbolicName(String header) {
        if (header == null) {
            return null;
        }
        int directives = header.indexOf(';');
        String name = (directives < 0 ? header : header.substring(0, directives)).trim();
        return name.isEmpty() ? null : name;
    }

    private static PluginException mismatch(IndexResource resource, String holds) {
        return new PluginException(Code.INVALID_ARCHIVE, "the archive of " + resource.label() + " from "
                + resource.catalog() + " holds " + holds + ", not what its index entry names; nothing was installed");
    }
}
