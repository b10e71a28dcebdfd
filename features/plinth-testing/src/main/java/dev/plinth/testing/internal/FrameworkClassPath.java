package dev.plinth.testing.internal;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.opentest4j.AssertionFailedError;
import org.osgi.framework.Version;

import dev.plinth.common.HeaderClauses;

/**
 * The OSGi framework API the test class path gives must be one the framework runs with: a jar such as
 * {@code org.osgi:org.osgi.framework:1.8.0} listed before Felix gives classes older than Felix was built against, and
 * the runtime fails after long timeouts with errors deep inside Felix ({@code NoSuchMethodError}). Checked before a
 * runtime starts: the package {@code org.osgi.framework} must come from Felix, or from a jar exporting it at
 * {@value #REQUIRED} or later ({@code org.osgi:osgi.core:8.0.0}).
 */
public final class FrameworkClassPath {

    static final String REQUIRED = "1.10";
    private static final Pattern VERSION = Pattern.compile(";\\s*version\\s*=\\s*\"?([0-9.]+)");

    private FrameworkClassPath() {
    }

    /** @throws AssertionFailedError naming the jar when it exports an older {@code org.osgi.framework} */
    public static void check() {
        URL api = location(org.osgi.framework.Bundle.class);
        URL felix = location(org.apache.felix.framework.Felix.class);
        if (api == null || api.equals(felix)) {
            return;
        }
        Optional<Version> exported = exportedVersion(api);
        if (exported.isPresent() && exported.get().compareTo(Version.parseVersion(REQUIRED)) < 0) {
            throw new AssertionFailedError("the OSGi framework API on the test class path is org.osgi.framework "
                    + exported.get() + " from " + api + ", older than the framework needs (" + REQUIRED
                    + "): remove that dependency, or use org.osgi:osgi.core 8.0.0 (scope provided)");
        }
    }

    static Optional<Version> exportedVersion(URL jar) {
        try {
            Path path = Path.of(jar.toURI());
            if (!Files.isRegularFile(path)) {
                return Optional.empty();
            }
            try (JarFile file = new JarFile(path.toFile())) {
                Manifest manifest = file.getManifest();
                String exports = manifest == null ? null : manifest.getMainAttributes().getValue("Export-Package");
                for (String clause : HeaderClauses.split(exports)) {
                    if (clause.equals("org.osgi.framework") || clause.startsWith("org.osgi.framework;")) {
                        Matcher version = VERSION.matcher(clause);
                        return version.find() ? Optional.of(Version.parseVersion(version.group(1)))
                                : Optional.of(Version.emptyVersion);
                    }
                }
                return Optional.empty();
            }
        } catch (IOException | URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static URL location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return source == null ? null : source.getLocation();
    }
}
