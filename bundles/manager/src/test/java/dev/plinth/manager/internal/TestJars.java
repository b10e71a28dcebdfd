package dev.plinth.manager.internal;

import java.nio.file.Path;
import java.util.jar.Attributes;

import dev.plinth.common.testing.BundleJar;

/** Builds small archives and manifests for the tests. */
final class TestJars {

    private TestJars() {
    }

    /** Main manifest attributes from alternating names and values. */
    static Attributes attributes(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        Attributes attributes = new Attributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            attributes.putValue(namesAndValues[i], namesAndValues[i + 1]);
        }
        return attributes;
    }

    /** The attributes of a bundle with this id and version, plus the extra headers given. */
    static Attributes bundleAttributes(String id, String version, String... moreNamesAndValues) {
        String[] all = new String[6 + moreNamesAndValues.length];
        all[0] = "Bundle-ManifestVersion";
        all[1] = "2";
        all[2] = "Bundle-SymbolicName";
        all[3] = id;
        all[4] = "Bundle-Version";
        all[5] = version;
        System.arraycopy(moreNamesAndValues, 0, all, 6, moreNamesAndValues.length);
        return attributes(all);
    }

    /** A bundle jar at {@code file} with a class-like entry besides its manifest. */
    static Path bundle(Path file, String id, String version, String... moreNamesAndValues) {
        return jar(file, bundleAttributes(id, version, moreNamesAndValues), "content/" + id + ".txt");
    }

    /** A jar with this main manifest and the named entries (each holding its own name). */
    static Path jar(Path file, Attributes mainAttributes, String... entries) {
        BundleJar jar = BundleJar.plain();
        mainAttributes.forEach((name, value) -> jar.header(name.toString(), value.toString()));
        return withEntries(jar, entries).writeTo(file);
    }

    /** A zip with the named entries and no manifest. */
    static Path zip(Path file, String... entries) {
        return withEntries(BundleJar.withoutManifest(), entries).writeTo(file);
    }

    private static BundleJar withEntries(BundleJar jar, String... entries) {
        for (String entry : entries) {
            jar.entry(entry, entry);
        }
        return jar;
    }
}
