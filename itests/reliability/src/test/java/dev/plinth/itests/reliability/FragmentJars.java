package dev.plinth.itests.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.plinth.common.testing.BundleJar;
import dev.plinth.itests.blackbox.TestBundles;

/** A host and a fragment of it, manifest-only bundles written into a home for the crash scenarios of fragments. */
final class FragmentJars {

    static final String HOST_ID = "org.example.crash.host";
    static final String FRAGMENT_ID = "org.example.crash.fragment";
    static final String HOST_JAR = "fragments/host.jar";
    static final String FRAGMENT_JAR = "fragments/fragment.jar";

    private FragmentJars() {
    }

    /** Writes both jars under {@code home} (the paths above are relative to it). */
    static void writeTo(Path home) throws IOException {
        Files.createDirectories(home.resolve("fragments"));
        TestBundles.empty(home.resolve(HOST_JAR), HOST_ID, "1.0.0");
        BundleJar.bundle(FRAGMENT_ID, "1.0.0").fragmentHost(HOST_ID).writeTo(home.resolve(FRAGMENT_JAR));
    }
}
