package dev.plinth.storage.internal;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * The migrations of a plugin archive not installed yet (the plan of an install or upgrade): its SQL entries under
 * {@code db/migration/} for Flyway to validate against the history, and every migration by name. Closed after use.
 */
final class ArchiveMigrations implements ResourceProvider, AutoCloseable {

    private static final String PREFIX = MigrationName.FOLDER + "/";

    private final ZipFile zip;

    ArchiveMigrations(Path archive) throws IOException {
        this.zip = new ZipFile(archive.toFile());
    }

    /**
     * Whether the archive asks for storage: its manifest requires {@code osgi.extender=plinth.storage}, or a component
     * description it names references the plugins' DataSource.
     */
    boolean asksForStorage() throws IOException {
        ZipEntry entry = zip.getEntry(JarFile.MANIFEST_NAME);
        if (entry == null) {
            return false;
        }
        Attributes headers = new Manifest(zip.getInputStream(entry)).getMainAttributes();
        return StorageRequirement.asks(headers.getValue("Require-Capability"))
                || StorageRequirement.referencesPluginDataSource(headers.getValue("Service-Component"),
                        this::descriptions);
    }

    private List<String> descriptions(String path) {
        int slash = path.lastIndexOf('/');
        String folder = slash < 0 ? "" : path.substring(0, slash + 1);
        Pattern name = Pattern.compile(Pattern.quote(path.substring(slash + 1)).replace("*", "\\E[^/]*\\Q"));
        List<String> descriptions = new ArrayList<>();
        for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements();) {
            ZipEntry candidate = all.nextElement();
            String entryName = candidate.getName();
            if (candidate.isDirectory() || !entryName.startsWith(folder)
                    || !name.matcher(entryName.substring(folder.length())).matches()) {
                continue;
            }
            try (var in = zip.getInputStream(candidate)) {
                descriptions.add(StorageRequirement.read(in));
            } catch (IOException e) {
                // an unreadable description asks for nothing
            }
        }
        return descriptions;
    }

    List<String> entries() {
        List<String> entries = new ArrayList<>();
        for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements();) {
            ZipEntry entry = all.nextElement();
            if (!entry.isDirectory() && entry.getName().startsWith(PREFIX)) {
                entries.add(entry.getName());
            }
        }
        return entries;
    }

    List<MigrationName> names() {
        return MigrationName.among(entries());
    }

    @Override
    public LoadableResource getResource(String name) {
        ZipEntry entry = zip.getEntry(name.startsWith("/") ? name.substring(1) : name);
        return entry == null ? null : new Entry(entry);
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        List<LoadableResource> resources = new ArrayList<>();
        for (String path : entries()) {
            String file = path.substring(path.lastIndexOf('/') + 1);
            if (!file.startsWith(prefix) || MigrationName.of(path).isEmpty()) {
                continue;
            }
            for (String suffix : suffixes) {
                if (file.endsWith(suffix)) {
                    resources.add(new Entry(zip.getEntry(path)));
                    break;
                }
            }
        }
        Collections.sort(resources);
        return resources;
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    private final class Entry extends LoadableResource {

        private final ZipEntry entry;

        Entry(ZipEntry entry) {
            this.entry = entry;
        }

        @Override
        public Reader read() {
            try {
                return new InputStreamReader(zip.getInputStream(entry), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String getAbsolutePath() {
            return entry.getName();
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return zip.getName() + "!/" + entry.getName();
        }

        @Override
        public String getFilename() {
            return entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
        }

        @Override
        public String getRelativePath() {
            return entry.getName();
        }
    }
}
