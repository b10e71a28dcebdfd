package dev.plinth.itests.blackbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import dev.plinth.common.testing.ThrowawayPostgres;

/**
 * A fleet for the acceptance tests, set up as docs/fleet.md tells an operator: one PostgreSQL server (a throwaway
 * cluster) with a {@code LOGIN} role owning the fleet's database, and runtimes unpacked from the distribution, each
 * with {@code etc/dev.plinth.fleet.cfg.json} (its password a secret setting: a file of the secrets directory or an
 * environment variable; a short poll),
 * all reading one shared pair of catalogues: a copy of the shipped one ({@code catalog/}: the greeter, hello and
 * versioned samples) and {@link #TEST_CATALOGUE} of plugins made for these tests (one version that cannot run, a
 * plugin whose start a test can hold).
 */
public final class FleetHarness implements AutoCloseable {

    public static final String GROUP = "itest";
    public static final String ROLE = "plinth_fleet";
    public static final String DATABASE = "plinth_fleet";
    public static final String PASSWORD_VARIABLE = "PLINTH_FLEET_PASSWORD";
    /** How long a node may take to converge, apply or report: far beyond what it needs. */
    public static final Duration BOUND = Duration.ofSeconds(60);
    public static final int POLL_SECONDS = 2;
    public static final int STALE_SECONDS = 6;

    public static final String GREETER = "dev.plinth.sample.greeter.en";
    public static final String HELLO = "dev.plinth.sample.hello";
    public static final String VERSIONED = "dev.plinth.sample.versioned";
    /**
     * 1.0.0 runs; 2.0.0 needs a package nothing provides, so no runtime can run it; 3.0.0 resolves but its start fails
     * on a node without {@code allow-start} in its home ({@link StartWhenAllowedActivator}).
     */
    public static final String NEEDY = "org.example.fleet.needy";
    /** Its start waits while a node's home holds {@link HeldStartActivator#HOLD}. */
    public static final String SLOW = "org.example.fleet.slow";
    public static final String TEST_CATALOGUE = "catalog-fleet";
    public static final String SECRET = "fleet-db-password";

    /** Where a node's configuration finds the password, as docs/fleet.md tells an operator. */
    public enum Password {
        /** {@code $[secret:fleet-db-password]}: a file of the secrets directory (set in conf/plinth.properties). */
        SECRET_FILE,
        /** {@code $[env:PLINTH_FLEET_PASSWORD]}: an environment variable of the runtime. */
        ENVIRONMENT
    }

    private final Path directory;
    private final ThrowawayPostgres postgres;
    private final String password = "fleet-" + UUID.randomUUID();
    private final Map<String, FleetNode> nodes = new LinkedHashMap<>();

    private FleetHarness(Path directory, ThrowawayPostgres postgres) {
        this.directory = directory;
        this.postgres = postgres;
    }

    /**
     * Starts PostgreSQL, unpacks a runtime per name into {@code directory} with {@code settings} added to each one's
     * fleet configuration (JSON members, such as {@code "canaries": "0"}) and the password given as {@code password}
     * says, and starts them all.
     */
    public static FleetHarness start(Path directory, String settings, Password password, String... names)
            throws Exception {
        ThrowawayPostgres postgres = ThrowawayPostgres.start();
        FleetHarness fleet = new FleetHarness(directory, postgres);
        try {
            fleet.createRoleAndDatabase();
            List<Path> catalogues = fleet.writeCatalogues();
            fleet.parallel(List.of(names), name -> fleet.unpack(name, catalogues, settings, password));
            fleet.parallel(List.of(names), name -> fleet.nodes.get(name).start());
            fleet.awaitFleet(fleet.node(names[0]), "every node listed and live", status -> nodesOf(status).size()
                    == names.length && nodesOf(status).stream().noneMatch(n -> n.getBoolean("stale")));
            return fleet;
        } catch (Exception | AssertionError e) {
            fleet.close();
            throw e;
        }
    }

    private void createRoleAndDatabase() throws SQLException {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.superuser(),
                postgres.superuserPassword()); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + password + "'");
            s.execute("CREATE DATABASE " + DATABASE + " OWNER " + ROLE);
            s.execute("REVOKE ALL ON DATABASE " + DATABASE + " FROM PUBLIC");
        }
    }

    private List<Path> writeCatalogues() throws Exception {
        TestCatalog catalog = new TestCatalog(directory.resolve(TEST_CATALOGUE));
        catalog.bundle(NEEDY, "1.0.0");
        catalog.bundle(NEEDY, "2.0.0").imports("org.example.fleet.missing", "1.0.0", "2.0.0");
        catalog.bundle(NEEDY, "3.0.0").activator(StartWhenAllowedActivator.class);
        catalog.bundle(SLOW, "1.0.0").activator(HeldStartActivator.class);
        catalog.bundle(SLOW, "2.0.0").activator(HeldStartActivator.class);
        catalog.write();
        Path unpacked = Files.createDirectories(directory.resolve("shipped"));
        Path shipped = Distribution.unpack(unpacked).resolve("catalog");
        Path samples = directory.resolve("catalog-samples");
        Files.move(shipped, samples, StandardCopyOption.ATOMIC_MOVE);
        return List.of(samples, catalog.folder());
    }

    private FleetNode unpack(String name, List<Path> catalogues, String settings, Password how) throws Exception {
        Path folder = Files.createDirectories(directory.resolve(name));
        Plinth plinth = new Plinth(Distribution.unpack(folder));
        String reference;
        if (how == Password.ENVIRONMENT) {
            plinth.env(PASSWORD_VARIABLE, password);
            reference = "$[env:" + PASSWORD_VARIABLE + "]";
        } else {
            Path secrets = Files.createDirectories(plinth.home().resolve("secrets"));
            Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rwx------"));
            Path secret = Files.writeString(secrets.resolve(SECRET), password);
            Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
            Files.writeString(plinth.home().resolve("conf/plinth.properties"), "\norg.apache.felix.configadmin.plugin"
                    + ".interpolation.secretsdir = ${plinth.home}/secrets\n", java.nio.file.StandardOpenOption.APPEND);
            reference = "$[secret:" + SECRET + "]";
        }
        Path etc = plinth.home().resolve("etc");
        Files.writeString(etc.resolve("dev.plinth.rest.cfg.json"), RestRuntime.configuration(1 << 20));
        Files.writeString(etc.resolve("dev.plinth.catalog.cfg.json"), "{\"catalogs\": ["
                + catalogues.stream().map(c -> "\"" + c.toUri() + "\"").collect(Collectors.joining(", ")) + "]}\n");
        // a held start is released by the test, well within this bound
        Files.writeString(etc.resolve("dev.plinth.manager.cfg.json"), "{\"start.timeout.ms\": 60000}\n");
        Files.writeString(etc.resolve("dev.plinth.fleet.cfg.json"), "{\n"
                + "  \"url\": \"" + postgres.jdbcUrl(DATABASE) + "\",\n"
                + "  \"user\": \"" + ROLE + "\",\n"
                + "  \".password\": \"" + reference + "\",\n"
                + "  \"group\": \"" + GROUP + "\",\n"
                + "  \"node\": \"" + name + "\",\n"
                + "  \"poll.seconds\": " + POLL_SECONDS + ",\n"
                + "  \"stale.seconds\": " + STALE_SECONDS
                + (settings == null || settings.isBlank() ? "" : ",\n  " + settings) + "\n}\n");
        FleetNode node = new FleetNode(name, plinth, RestRuntime.freePort());
        synchronized (nodes) {
            nodes.put(name, node);
        }
        return node;
    }

    public FleetNode node(String name) {
        FleetNode node = nodes.get(name);
        if (node == null) {
            throw new IllegalArgumentException("no node " + name);
        }
        return node;
    }

    /** Every node, in the order they were named. */
    public List<FleetNode> nodes() {
        return List.copyOf(nodes.values());
    }

    public ThrowawayPostgres postgres() {
        return postgres;
    }

    /** The folder the fleet's homes and catalogues are in. */
    public Path directory() {
        return directory;
    }

    /** The password of the fleet's role, which must show in no output and no file. */
    public String password() {
        return password;
    }

    /** Runs {@code work} for every item at once; fails with the first failure once all have ended. */
    public <T> void parallel(List<T> items, Work<T> work) throws Exception {
        if (items.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(items.size());
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (T item : items) {
                Callable<Object> call = () -> work.on(item);
                futures.add(pool.submit(call));
            }
            Exception first = null;
            for (Future<Object> future : futures) {
                try {
                    future.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (first == null) {
                        first = e.getCause() instanceof Exception cause ? cause : new Exception(e.getCause());
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Work on one item. */
    @FunctionalInterface
    public interface Work<T> {
        Object on(T item) throws Exception;
    }

    // --- reading the fleet's state as a node shows it ---

    /** Waits until {@code reader}'s {@code GET /api/fleet} satisfies {@code done}; returns it. */
    public JsonObject awaitFleet(FleetNode reader, String what, Predicate<JsonObject> done)
            throws InterruptedException {
        return Await.until(what + " (GET /api/fleet on " + reader + ")", BOUND, reader::fleet, done);
    }

    /** Waits until {@code node} runs {@code expected} (id → "version state"; other plugins ignored). */
    public static Map<String, String> awaitPlugins(FleetNode node, Map<String, String> expected)
            throws InterruptedException {
        return Await.until(node + " running " + expected, BOUND, node::plugins,
                plugins -> expected.entrySet().stream()
                        .allMatch(e -> e.getValue() == null ? !plugins.containsKey(e.getKey())
                                : e.getValue().equals(plugins.get(e.getKey()))));
    }

    /** The generation {@code number} is in {@code state} (a rollout state's name, any case). */
    public static Predicate<JsonObject> generationIs(long number, String state) {
        return fleet -> current(fleet).filter(g -> g.getJsonNumber("number").longValue() == number)
                .map(g -> is(g.getString("state"), state)).orElse(false);
    }

    /** Every node listed by the status has applied generation {@code number} and is converged. */
    public Predicate<JsonObject> everyNodeConvergedOn(long number) {
        return fleet -> {
            List<JsonObject> listed = nodesOf(fleet);
            return listed.size() == nodes.size() && listed.stream()
                    .allMatch(n -> n.getJsonNumber("applied").longValue() == number && is(n.getString("state"),
                            "converged"));
        };
    }

    /** The group's current generation in a status, if any. */
    public static java.util.Optional<JsonObject> current(JsonObject fleet) {
        JsonValue current = fleet.get("current");
        return current == null || current.getValueType() == JsonValue.ValueType.NULL ? java.util.Optional.empty()
                : java.util.Optional.of(current.asJsonObject());
    }

    public static List<JsonObject> nodesOf(JsonObject fleet) {
        return fleet.getJsonArray("nodes").stream().map(JsonValue::asJsonObject).toList();
    }

    public static JsonObject nodeOf(JsonObject fleet, String name) {
        return nodesOf(fleet).stream().filter(n -> n.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no node " + name + " in " + fleet));
    }

    /** Whether an enum's JSON value ({@code DONE}, {@code done}, {@code rolled-back}) names {@code expected}. */
    public static boolean is(String value, String expected) {
        return normal(value).equals(normal(expected));
    }

    private static String normal(String value) {
        return value == null ? "" : value.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    // --- plugin sets and publish bodies ---

    /** One member of a plugin set as its JSON: {@code id}, {@code version}, enabled. */
    public static String member(String id, String version) {
        return "{\"id\": \"" + id + "\", \"version\": \"" + version + "\", \"enabled\": true}";
    }

    /** A plugin set's JSON (as {@code plugin:export} writes one). */
    public static String set(String... members) {
        return "{\"plugins\": [" + String.join(", ", members) + "]}";
    }

    /** The body of {@code POST /api/fleet/generations}. */
    public static String publication(String set, String canaries, int canarySeconds, boolean autoRollback,
            long basedOn) {
        return "{\"plugins\": " + set + ", \"canaries\": \"" + canaries + "\", \"canarySeconds\": " + canarySeconds
                + ", \"autoRollback\": " + autoRollback + ", \"basedOn\": " + basedOn + "}";
    }

    /** A plugin set written to a file in the fleet's folder, for {@code fleet:publish FILE}. */
    public Path setFile(String name, String set) throws IOException {
        return Files.writeString(directory.resolve(name), set + "\n");
    }

    // --- the database, as its superuser sees it ---

    /** The first column of every row {@code sql} gives on the fleet's database. */
    public List<String> query(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(DATABASE), postgres.superuser(),
                postgres.superuserPassword()); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (r.next()) {
                values.add(r.getString(1));
            }
            return values;
        }
    }

    /** Stops every node (killing those that do not stop), then PostgreSQL; the homes stay for the test's folder. */
    @Override
    public void close() throws Exception {
        try {
            parallel(nodes(), node -> {
                try {
                    node.stop();
                } catch (Exception | AssertionError e) {
                    node.kill();
                }
                return null;
            });
        } finally {
            postgres.close();
        }
    }
}
