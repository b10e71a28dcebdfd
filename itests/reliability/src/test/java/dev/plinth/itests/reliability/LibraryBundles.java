package dev.plinth.itests.reliability;

import java.io.IOException;
import java.nio.file.Path;

import dev.plinth.common.testing.BundleJar;

/**
 * Bundles with a manifest only, that export the package named like themselves and import those of the bundles they
 * need: libraries of libraries in a library folder, and plugins that need them.
 */
final class LibraryBundles {

    private LibraryBundles() {
    }

    /**
     * Writes {@code id-version.jar} into {@code folder}: bundle {@code id} at {@code version}, exporting package
     * {@code id} at {@code version}, importing each of {@code imports} given as "package low below" (a range
     * [low, below)).
     */
    static Path write(Path folder, String id, String version, String... imports) throws IOException {
        BundleJar jar = BundleJar.bundle(id, version).exports(id + ";version=" + version);
        if (imports.length > 0) {
            StringBuilder header = new StringBuilder();
            for (String imported : imports) {
                String[] parts = imported.split(" ");
                header.append(header.isEmpty() ? "" : ",").append(parts[0]).append(";version=\"[").append(parts[1])
                        .append(',').append(parts[2]).append(")\"");
            }
            jar.imports(header.toString());
        }
        return jar.writeInto(folder);
    }
}
