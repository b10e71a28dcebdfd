package dev.plinth.testing.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.opentest4j.AssertionFailedError;
import org.osgi.framework.Version;

/** Finds the bundles a test installs: on the test class path, or the project's own {@code target/classes}. */
public final class Archives {

    /** A bundle on the class path: a jar, or a folder with a bundle manifest. */
    public record ClassPathBundle(Path location, String symbolicName, Version version) {
    }

    private static List<ClassPathBundle> classPath;

    private Archives() {
    }

    /** Every bundle on the test class path ({@code java.class.path}), read once. */
    public static synchronized List<ClassPathBundle> classPathBundles() {
        if (classPath == null) {
            List<ClassPathBundle> found = new ArrayList<>();
            for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
                if (entry.isBlank()) {
                    continue;
                }
                Path path = Path.of(entry);
                if (!Files.exists(path) || (!Files.isDirectory(path) && !entry.endsWith(".jar"))) {
                    continue;
                }
                try {
                    Manifest manifest = Headers.manifest(path);
                    String name = Headers.symbolicName(manifest);
                    if (name != null) {
                        found.add(new ClassPathBundle(path, name, Version.parseVersion(Headers.version(manifest))));
                    }
                } catch (IOException | IllegalArgumentException e) {
                    // not a bundle
                }
            }
            classPath = List.copyOf(found);
        }
        return classPath;
    }

    /** The bundle of that symbolic name (its highest version when several) and optionally version on the class path. */
    public static ClassPathBundle find(String symbolicName, String version) {
        return classPathBundles().stream()
                .filter(b -> b.symbolicName().equals(symbolicName))
                .filter(b -> version == null || b.version().equals(Version.parseVersion(version)))
                .max(Comparator.comparing(ClassPathBundle::version))
                .orElseThrow(() -> new AssertionFailedError("no bundle " + symbolicName
                        + (version == null ? "" : " " + version) + " on the test class path (add the jar as a test"
                        + " dependency); bundles there: " + classPathBundles().stream()
                                .map(b -> b.symbolicName() + " " + b.version()).distinct().toList()));
    }

    /** A jar of the bundle: the jar itself, or a folder jarred up into {@code into}. */
    public static Path jar(ClassPathBundle bundle, Path into) {
        if (!Files.isDirectory(bundle.location())) {
            return bundle.location();
        }
        return jarUp(bundle.location(), into.resolve(bundle.symbolicName() + "-" + bundle.version() + ".jar"));
    }

    /**
     * The project's plugin: {@code target/classes} beside the test classes of {@code testClass} (or of the working
     * directory), which must hold the manifest bnd-maven-plugin writes at process-classes.
     */
    public static Path projectClasses(Class<?> testClass) {
        Path classes = null;
        try {
            Path testClasses = Path.of(testClass.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(testClasses)) {
                classes = testClasses.resolveSibling("classes");
            }
        } catch (Exception e) {
            // below: the working directory's
        }
        if (classes == null || !Files.isDirectory(classes)) {
            classes = Path.of("target", "classes").toAbsolutePath();
        }
        Path manifest = classes.resolve("META-INF/MANIFEST.MF");
        String name = null;
        try {
            name = Headers.symbolicName(Headers.manifest(classes));
        } catch (IOException e) {
            // reported below
        }
        if (name == null) {
            throw new AssertionFailedError("no plugin to test: " + manifest + (Files.exists(manifest)
                    ? " has no Bundle-SymbolicName" : " does not exist")
                    + ". bnd-maven-plugin writes it at process-classes: run the tests through Maven (mvn test or mvn"
                    + " verify), or name a plugin jar with -Dplinth.test.plugin=<jar> or @PlinthTest(plugin = ...)");
        }
        return classes;
    }

    /** Writes the folder as a jar, its manifest first. */
    public static Path jarUp(Path folder, Path jar) {
        try {
            Files.createDirectories(jar.getParent());
            Manifest manifest = Headers.manifest(folder);
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
                    Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.sorted().toList()) {
                    String name = folder.relativize(file).toString().replace(File.separatorChar, '/');
                    if (name.isEmpty() || name.equalsIgnoreCase(JarFile.MANIFEST_NAME)
                            || name.equalsIgnoreCase("META-INF")) {
                        continue;
                    }
                    if (Files.isDirectory(file)) {
                        out.putNextEntry(new JarEntry(name + "/"));
                    } else {
                        out.putNextEntry(new JarEntry(name));
                        Files.copy(file, out);
                    }
                    out.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new AssertionFailedError("cannot make a jar of " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The symbolic name of a jar, or a failure naming it. */
    public static String symbolicName(Path jar) {
        try {
            String name = Headers.symbolicName(Headers.manifest(jar));
            if (name != null) {
                return name;
            }
        } catch (IOException e) {
            throw new AssertionFailedError("cannot read " + jar + ": " + e.getMessage(), e);
        }
        throw new AssertionFailedError(jar + " is not a bundle (its manifest has no Bundle-SymbolicName)");
    }
}
