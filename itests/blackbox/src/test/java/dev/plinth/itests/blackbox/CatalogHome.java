package dev.plinth.itests.blackbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A home unpacked from the distribution, with the catalogues it reads ({@code etc/dev.plinth.catalog.cfg.json}), on
 * which a test takes its steps one {@code bin/plinth exec PROGRAM} at a time and reads the plugins' states back.
 * Registered with {@code @RegisterExtension static final CatalogHome home = new CatalogHome();}, it unpacks the
 * distribution into a folder of the test class's own before the class's {@code @BeforeAll} methods run, and deletes
 * that folder after its tests.
 */
public final class CatalogHome implements BeforeAllCallback, AfterAllCallback {

    /** The catalogue the distribution ships ({@code catalog/}), as the catalogue setting names it. */
    public static final String SHIPPED = "catalog";

    private Path directory;
    private Plinth plinth;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        directory = Files.createTempDirectory("plinth-" + context.getRequiredTestClass().getSimpleName());
        plinth = new Plinth(Distribution.unpack(directory));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (directory == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Writes {@code catalog} and makes it the one catalogue the home reads. */
    public CatalogHome reading(TestCatalog catalog) throws IOException {
        catalog.write();
        return reading(catalog.folder().toUri().toString());
    }

    /** Sets the catalogues the home reads, in order: folders, index files or URLs, or {@link #SHIPPED}. */
    public CatalogHome reading(String... catalogs) throws IOException {
        String list = List.of(catalogs).stream().map(catalog -> "\"" + catalog + "\"")
                .collect(Collectors.joining(", "));
        Files.writeString(path().resolve("etc/dev.plinth.catalog.cfg.json"), "{\"catalogs\": [" + list + "]}\n");
        return this;
    }

    public Plinth plinth() {
        return plinth;
    }

    /** The home's folder. */
    public Path path() {
        return plinth.home();
    }

    /** Runs {@code bin/plinth exec program}, whatever its exit status. */
    public Plinth.Result run(String program) throws IOException, InterruptedException {
        return plinth.run(null, "exec", program);
    }

    /** Runs {@code bin/plinth exec program}; fails the test unless it succeeds. */
    public Plinth.Result ok(String program) throws IOException, InterruptedException {
        return plinth.exec(program);
    }

    /** Runs {@code bin/plinth exec program}; fails the test unless it fails (exit status 1). */
    public Plinth.Result failed(String program) throws IOException, InterruptedException {
        return plinth.exec(1, program);
    }

    /** Every plugin and library as "id version kind", sorted. */
    public List<String> managed() throws IOException, InterruptedException {
        return plinth.managed();
    }

    /** The version {@code plugin:list} shows for plugin {@code id}; fails the test when it shows none. */
    public String version(String id) throws IOException, InterruptedException {
        return ok("plugin:list").row(id).orElseThrow().get(1);
    }

    /** The state {@code plugin:list} shows for plugin {@code id}, if it shows the plugin. */
    public Optional<String> state(String id) throws IOException, InterruptedException {
        Plinth.Result list = run("plugin:list");
        return list.out().lines().filter(l -> l.startsWith(id + " ")).map(l -> l.split("\\s+")[2]).findFirst();
    }
}
