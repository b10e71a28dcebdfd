package dev.plinth.testing.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.plinth.testing.Extra;

/**
 * The boot bundles embedded in this jar ({@code dev/plinth/testing/system/}), extracted once into a folder under
 * {@code java.io.tmpdir} named by a digest of their names and sizes, and shared by every test runtime. The API bundle
 * stays out of it: its packages come from the test's class path through the system bundle
 * ({@link #apiPackages()}), so that the test and the plugins share one {@code PluginManager} class.
 */
public final class SystemBundles {

    private static final String FOLDER = "dev/plinth/testing/system/";
    private static final String API_PREFIX = "dev.plinth.api-";

    private static SystemBundles shared;

    private final Path directory;
    private final String apiPackages;
    private final Map<String, Path> directories = new HashMap<>();

    private SystemBundles(Path directory, String apiPackages) {
        this.directory = directory;
        this.apiPackages = apiPackages;
    }

    /** The extracted boot bundles of this JVM, extracting them at the first call. */
    public static synchronized SystemBundles shared() {
        if (shared == null) {
            try {
                shared = extract();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot extract the test runtime's boot bundles: " + e.getMessage(), e);
            }
        }
        return shared;
    }

    /** The folder holding all the boot bundles of the default distribution. */
    public Path directory() {
        return directory;
    }

    /**
     * The folder a test runtime boots from (the launcher's {@code plinth.system}): the boot bundles without the
     * {@link Extra}s not asked for, linked (or copied) from {@link #directory()} once per JVM and selection.
     */
    public synchronized Path directory(Set<Extra> with) {
        EnumSet<Extra> left = EnumSet.complementOf(with.isEmpty() ? EnumSet.noneOf(Extra.class) : EnumSet.copyOf(with));
        if (left.isEmpty()) {
            return directory;
        }
        String name = directory.getFileName() + "-without-" + left.stream().map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining("-"));
        Path selected = directories.get(name);
        if (selected == null) {
            try {
                selected = select(directory.resolveSibling(name), left);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare the test runtime's boot bundles: " + e.getMessage(), e);
            }
            directories.put(name, selected);
        }
        return selected;
    }

    private Path select(Path target, Set<Extra> left) throws IOException {
        if (Files.isDirectory(target)) {
            return target;
        }
        Path staging = Files.createTempDirectory(target.getParent(), "selecting-");
        try (Stream<Path> jars = Files.list(directory)) {
            for (Path jar : jars.toList()) {
                String name = jar.getFileName().toString();
                if (left.stream().anyMatch(extra -> extra.holds(name))) {
                    continue;
                }
                try {
                    Files.createLink(staging.resolve(name), jar);
                } catch (IOException | UnsupportedOperationException e) {
                    Files.copy(jar, staging.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        publish(staging, target);
        return target;
    }

    private static void publish(Path staging, Path target) throws IOException {
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | DirectoryNotEmptyException e) {
            // another JVM made the same folder first: use its folder
            try (Stream<Path> left = Files.walk(staging)) {
                left.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** The API's packages with their versions, for {@code org.osgi.framework.system.packages.extra}. */
    public String apiPackages() {
        return apiPackages;
    }

    private static SystemBundles extract() throws IOException {
        TreeMap<String, Resource> resources = resources();
        if (resources.isEmpty()) {
            throw new IOException("no boot bundles in " + FOLDER + " of the plinth-testing jar");
        }
        Path base = Path.of(System.getProperty("java.io.tmpdir"), "plinth-testing");
        Files.createDirectories(base);
        Path target = base.resolve("system-" + digest(resources));
        Path api = base.resolve(target.getFileName() + "-api.jar");
        if (!Files.isDirectory(target) || !Files.isRegularFile(api)) {
            Path staging = Files.createTempDirectory(base, "extracting-");
            Path apiStaging = staging.resolve("api.jar");
            for (Resource resource : resources.values()) {
                Path destination = resource.name().startsWith(API_PREFIX) ? apiStaging
                        : staging.resolve(resource.name());
                try (InputStream in = resource.open()) {
                    Files.copy(in, destination);
                }
            }
            Files.move(apiStaging, api, StandardCopyOption.REPLACE_EXISTING);
            publish(staging, target);
            deleteStale(base, target.getFileName().toString());
        }
        String exports = Headers.manifest(api).getMainAttributes().getValue("Export-Package");
        return new SystemBundles(target, Headers.packagesWithVersions(exports));
    }

    /**
     * Deletes what other builds of the kit extracted beside this one and left for a day (a build of Plinth makes a
     * new one each time): a JVM still using one that old is not expected.
     */
    private static void deleteStale(Path base, String current) {
        java.time.Instant dayAgo = java.time.Instant.now().minus(java.time.Duration.ofDays(1));
        try (java.util.stream.Stream<Path> entries = Files.list(base)) {
            for (Path entry : entries.filter(e -> e.getFileName().toString().startsWith("system-")
                    && !e.getFileName().toString().startsWith(current)).toList()) {
                if (Files.getLastModifiedTime(entry).toInstant().isBefore(dayAgo)) {
                    deleteTree(entry);
                }
            }
        } catch (IOException | RuntimeException e) {
            // another JVM may be deleting or using them: left for a later run
        }
    }

    private static void deleteTree(Path entry) throws IOException {
        if (Files.isDirectory(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (java.util.stream.Stream<Path> children = Files.list(entry)) {
                for (Path child : children.toList()) {
                    deleteTree(child);
                }
            }
        }
        Files.deleteIfExists(entry);
    }

    private record Resource(String name, long size, Opener opener) {
        InputStream open() throws IOException {
            return opener.open();
        }
    }

    private interface Opener {
        InputStream open() throws IOException;
    }

    private static TreeMap<String, Resource> resources() throws IOException {
        URL folder = SystemBundles.class.getClassLoader().getResource(FOLDER);
        if (folder == null) {
            throw new IOException("no " + FOLDER + " on the class path: plinth-testing was built without its boot bundles");
        }
        TreeMap<String, Resource> resources = new TreeMap<>();
        if ("file".equals(folder.getProtocol())) {
            Path directory;
            try {
                directory = Path.of(folder.toURI());
            } catch (URISyntaxException e) {
                throw new IOException(e);
            }
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".jar")).toList()) {
                    String name = file.getFileName().toString();
                    resources.put(name, new Resource(name, Files.size(file) ^ Files.getLastModifiedTime(file).toMillis(),
                            () -> Files.newInputStream(file)));
                }
            }
            return resources;
        }
        String path = folder.getPath();
        String jarPath = path.substring("file:".length(), path.indexOf("!/"));
        Path jar;
        try {
            jar = Path.of(new URI("file:" + jarPath));
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            List<JarEntry> entries = new ArrayList<>();
            file.stream().filter(e -> e.getName().startsWith(FOLDER) && e.getName().endsWith(".jar"))
                    .forEach(entries::add);
            for (JarEntry entry : entries) {
                String name = entry.getName().substring(FOLDER.length());
                String entryName = entry.getName();
                resources.put(name, new Resource(name, entry.getSize() ^ entry.getCrc(), () -> {
                    JarFile opened = new JarFile(jar.toFile());
                    InputStream in = opened.getInputStream(opened.getEntry(entryName));
                    return new FilterInputStream(in) {
                        @Override
                        public void close() throws IOException {
                            super.close();
                            opened.close();
                        }
                    };
                }));
            }
        }
        return resources;
    }

    private static String digest(TreeMap<String, Resource> resources) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Resource resource : resources.values()) {
                digest.update((resource.name() + ":" + resource.size() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
