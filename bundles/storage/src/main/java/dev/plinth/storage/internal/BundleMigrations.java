package dev.plinth.storage.internal;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.resource.LoadableResource;
import org.osgi.framework.Bundle;

import dev.plinth.api.storage.Migration;

/**
 * A plugin bundle's migrations, for Flyway to apply: the SQL entries under {@code db/migration} (found with
 * {@code findEntries} on the plugin's own bundle and its fragments, never through imports) and its {@link Migration}
 * classes there, loaded through the plugin bundle.
 */
final class BundleMigrations implements ResourceProvider {

    private final Bundle bundle;

    BundleMigrations(Bundle bundle) {
        this.bundle = bundle;
    }

    /** The entry paths under {@code db/migration}, without a leading {@code /}. */
    static List<String> entries(Bundle bundle) {
        List<String> entries = new ArrayList<>();
        Enumeration<URL> found = bundle.findEntries(MigrationName.FOLDER, "*", true);
        while (found != null && found.hasMoreElements()) {
            entries.add(found.nextElement().getPath().substring(1));
        }
        return entries;
    }

    /** The bundle's migrations by name, oldest first: no class is loaded. */
    static List<MigrationName> names(Bundle bundle) {
        return MigrationName.among(entries(bundle));
    }

    @Override
    public LoadableResource getResource(String name) {
        URL url = bundle.getEntry(name.startsWith("/") ? name : "/" + name);
        return url == null ? null : new Entry(url, url.getPath().substring(1));
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        List<LoadableResource> resources = new ArrayList<>();
        Enumeration<URL> found = bundle.findEntries(MigrationName.FOLDER, prefix + "*", true);
        while (found != null && found.hasMoreElements()) {
            URL url = found.nextElement();
            String path = url.getPath().substring(1);
            if (MigrationName.of(path).isEmpty()) {
                continue;
            }
            for (String suffix : suffixes) {
                if (path.endsWith(suffix)) {
                    resources.add(new Entry(url, path));
                    break;
                }
            }
        }
        Collections.sort(resources);
        return resources;
    }

    /**
     * The bundle's Java migrations, loaded with the plugin bundle's class loader.
     *
     * @throws IllegalStateException naming the class that cannot be loaded or is no {@link Migration}
     */
    List<JavaMigration> javaMigrations() {
        List<JavaMigration> migrations = new ArrayList<>();
        for (MigrationName name : names(bundle)) {
            if (!name.type().equals("JDBC")) {
                continue;
            }
            Object instance;
            try {
                Class<?> type = bundle.loadClass(name.className());
                instance = type.getConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                throw new IllegalStateException("the migration " + name.className() + " of " + bundle.getSymbolicName()
                        + " cannot be loaded: " + e, e);
            }
            if (!(instance instanceof Migration migration)) {
                throw new IllegalStateException("the class " + name.className() + " of " + bundle.getSymbolicName()
                        + " is no " + Migration.class.getName());
            }
            migrations.add(new JavaMigrationAdapter(migration, name));
        }
        return migrations;
    }

    private static final class Entry extends LoadableResource {

        private final URL url;
        private final String path;

        Entry(URL url, String path) {
            this.url = url;
            this.path = path;
        }

        @Override
        public Reader read() {
            try {
                return new InputStreamReader(url.openStream(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String getAbsolutePath() {
            return path;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return url.toString();
        }

        @Override
        public String getFilename() {
            return path.substring(path.lastIndexOf('/') + 1);
        }

        @Override
        public String getRelativePath() {
            return path;
        }
    }
}
