package dev.plinth.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The fleet (issue 28): {@code --fleet-nodes} runtimes on loopback, nodes of one group on a throwaway PostgreSQL
 * server, reading one catalogue of {@code --fleet-plugins} plugins in two versions. After a first publish that
 * installs them all and {@code --fleet-warmups} more (not timed), {@code --fleet-publishes} publishes alternate
 * between the two versions (every plugin upgraded or downgraded: that many changes; canaries 0), each timed from
 * the {@code POST /api/fleet/generations} to the moment every node has reported it applied (its row of the fleet's
 * {@code node} table), the next one made once the rollout is done. Then, 5 s after the last rollout ended, the fleet idle for {@code --fleet-idle} seconds
 * (its configured poll, 10 s): the CPU time each node's JVM takes ({@code /proc/PID/stat}) beside a runtime that is
 * no node, the statements the nodes send (the server's log, {@code log_statement = all} for the window), the rounds of
 * the nodes (the changes of their {@code last_seen}, read every 200 ms) and the WAL the server writes.
 */
final class FleetBench {

    static final String SECTION = "Fleet";
    private static final String GROUP = "bench";
    private static final String ROLE = "plinth_fleet";
    private static final String DATABASE = "plinth_fleet";
    private static final String PASSWORD_VARIABLE = "PLINTH_FLEET_PASSWORD";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SETTLE = Duration.ofSeconds(5);
    private static final String HARNESS = "plinth-bench";
    private static final Duration HEARTBEAT_READS = Duration.ofMillis(200);

    private FleetBench() {
    }

    static void run(Bench.Context context, Results results) throws Exception {
        int count = context.integer("--fleet-nodes");
        int publishes = context.integer("--fleet-publishes");
        int warmUps = context.integer("--fleet-warmups");
        int plugins = context.integer("--fleet-plugins");
        int idleSeconds = context.integer("--fleet-idle");
        Duration bound = Duration.ofSeconds(context.integer("--bound"));
        Path bench = Files.createDirectories(context.work().resolve("fleet"));
        Measure.deleteContents(bench);
        Path catalog = FleetCatalog.write(bench.resolve("catalog"), plugins);
        results.section(SECTION, "a runtime that is no node (no etc/dev.plinth.fleet.cfg.json), same time");

        List<Long> converge = new ArrayList<>();
        double[] idleCpu = new double[count];
        double referenceCpu;
        double statementsPerNode;
        double roundsPerNode;
        double walPerNode;
        try (BenchPostgres pg = BenchPostgres.start()) {
            String password = pg.createFleetDatabase(ROLE, DATABASE);
            results.note("fleet: PostgreSQL is a throwaway server on 127.0.0.1 (" + pg.version()
                    + ", fsync off); " + count + " nodes and the reference on this machine's "
                    + java.lang.Runtime.getRuntime().availableProcessors() + " cores");
            List<Node> nodes = new ArrayList<>();
            Node reference = null;
            try {
                for (int i = 0; i < count; i++) {
                    nodes.add(Node.prepare(context, bench, "node-" + (char) ('a' + i), catalog, pg, password));
                }
                reference = Node.prepare(context, bench, "reference", catalog, null, null);
                for (Node node : nodes) {
                    node.launch();
                }
                reference.launch();
                for (Node node : nodes) {
                    node.awaitReady(bound);
                }
                reference.awaitReady(bound);
                System.out.println("fleet: " + count + " nodes and the reference ready");

                try (Connection db = DriverManager.getConnection(pg.jdbcUrl(DATABASE) + "?ApplicationName=" + HARNESS,
                        pg.superuser(), pg.superuserPassword())) {
                    Node publisher = nodes.get(0);
                    long first = publisher.publish(set(plugins, 0), bound);
                    awaitApplied(db, first, count, bound);
                    awaitDone(db, first, bound);
                    for (int run = 1; run <= warmUps + publishes; run++) {
                        long started = System.nanoTime();
                        long generation = publisher.publish(set(plugins, run % 2), bound);
                        awaitApplied(db, generation, count, bound);
                        long micros = (System.nanoTime() - started) / 1000;
                        if (run > warmUps) {
                            converge.add(micros);
                        } else {
                            System.out.println("fleet: warm-up publish " + run + ": " + micros / 1000 + " ms");
                        }
                        awaitDone(db, generation, bound);
                    }
                    String expected = FleetCatalog.VERSIONS.get((warmUps + publishes) % 2);
                    for (Node node : nodes) {
                        node.check(FleetCatalog.ids(plugins), expected);
                    }
                    System.out.println("fleet: " + publishes + " publishes, " + plugins + " changes each: "
                            + converge.stream().map(micros -> micros / 1000 + " ms").toList());

                    // the last rollout's end wakes every node once more: the idle window starts after that
                    Thread.sleep(SETTLE.toMillis());
                    long[] before = new long[count];
                    for (int i = 0; i < count; i++) {
                        before[i] = nodes.get(i).cpuTicks();
                    }
                    long referenceBefore = reference.cpuTicks();
                    StatementLog log = StatementLog.start(db);
                    String walBefore = scalar(db, "SELECT pg_current_wal_lsn()::text");
                    long windowStarted = System.nanoTime();
                    Heartbeats heartbeats = new Heartbeats();
                    while (System.nanoTime() - windowStarted < idleSeconds * 1_000_000_000L) {
                        heartbeats.read(db);
                        Thread.sleep(HEARTBEAT_READS.toMillis());
                    }
                    double seconds = (System.nanoTime() - windowStarted) / 1e9;
                    long statements = log.stop(db);
                    long wal = Long.parseLong(scalar(db, "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '" + walBefore
                            + "')::bigint"));
                    double tick = clockTicks();
                    for (int i = 0; i < count; i++) {
                        idleCpu[i] = (nodes.get(i).cpuTicks() - before[i]) / tick / seconds * 100;
                    }
                    referenceCpu = (reference.cpuTicks() - referenceBefore) / tick / seconds * 100;
                    statementsPerNode = statements / seconds / count;
                    roundsPerNode = heartbeats.rounds() / seconds / count * 60;
                    walPerNode = wal / seconds / count;
                }
            } finally {
                for (Node node : nodes) {
                    node.stop(bound);
                }
                if (reference != null) {
                    reference.stop(bound);
                }
            }
        }

        long[] micros = converge.stream().mapToLong(Long::longValue).toArray();
        String what = "publish of " + plugins + " changes to " + count + " nodes, all applied";
        results.add(new Row(SECTION, "fleet.converge_ms", what + " (median)", "ms",
                Figure.millisOfMicros(converge), null, null, ""));
        results.add(new Row(SECTION, "fleet.converge_p95_ms", what + " (p95)", "ms",
                Figure.of(Stats.percentile(micros, 95) / 1000.0), null, null, "<= 2000"));
        results.add(new Row(SECTION, "fleet.idle_cpu_pct", "idle node: CPU over " + idleSeconds + " s (median of "
                + count + ")", "%", Figure.of(idleCpu), Figure.of(referenceCpu), null, "about 0"));
        results.add(new Row(SECTION, "fleet.idle_statements_per_s", "idle: SQL statements per node per second",
                "1/s", Figure.of(statementsPerNode), null, null, ""));
        results.add(new Row(SECTION, "fleet.idle_rounds_per_min", "idle: rounds per node per minute (poll 10 s)",
                "1/min", Figure.of(roundsPerNode), null, null, ""));
        results.add(new Row(SECTION, "fleet.idle_wal_bytes_per_s", "idle: WAL written per node per second",
                "B/s", Figure.of(walPerNode), null, null, ""));
    }

    /** The plugin set with every plugin at its {@code version}-th version, enabled. */
    private static ObjectNode set(int plugins, int version) {
        ObjectNode set = JSON.createObjectNode();
        ArrayNode members = set.putArray("plugins");
        for (String id : FleetCatalog.ids(plugins)) {
            members.addObject().put("id", id).put("version", FleetCatalog.VERSIONS.get(version)).put("enabled", true);
        }
        return set;
    }

    /** Waits until {@code count} nodes of the group report generation {@code number} (or a later one) applied. */
    private static void awaitApplied(Connection db, long number, int count, Duration bound)
            throws IOException, InterruptedException {
        Await.until(count + " nodes applying generation " + number, bound, Duration.ofMillis(5),
                () -> single(db, "SELECT count(*) FROM plinth_fleet.node WHERE grp = ? AND applied >= " + number)
                        .equals(String.valueOf(count)));
    }

    private static void awaitDone(Connection db, long number, Duration bound) throws IOException, InterruptedException {
        Await.until("generation " + number + " done", bound, Duration.ofMillis(20),
                () -> single(db, "SELECT state FROM plinth_fleet.generation WHERE grp = ? AND number = " + number)
                        .toLowerCase(Locale.ROOT).equals("done"));
    }

    private static String single(Connection db, String sql) throws IOException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, GROUP);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? String.valueOf(rows.getString(1)) : "";
            }
        } catch (SQLException e) {
            throw new IOException(sql + ": " + e.getMessage(), e);
        }
    }

    private static String scalar(Connection db, String sql) throws SQLException {
        try (java.sql.Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    /**
     * The statements the nodes send while it runs, from the server's log: {@code log_statement = all} (set with
     * {@code ALTER SYSTEM} and a reload) with a prefix naming the database and the client, then counted in what the
     * log gained; this harness's own statements (its {@code ApplicationName}) and transaction control not counted.
     */
    private static final class StatementLog {

        private static final java.util.regex.Pattern NODE_STATEMENT = java.util.regex.Pattern.compile(
                "^" + DATABASE + "\\|(?!" + HARNESS + "\\|).*LOG:  (?:execute [^:]*|statement): "
                        + "(?i:select|update|insert|delete|with)\\b.*");

        private final Path file;
        private final long offset;

        private StatementLog(Path file, long offset) {
            this.file = file;
            this.offset = offset;
        }

        static StatementLog start(Connection db) throws SQLException, IOException {
            Path file = Path.of(scalar(db, "SHOW data_directory")).resolveSibling("server.log");
            long offset = Files.size(file);
            configure(db, "SET log_line_prefix = '%d|%a|'", "SET log_statement = 'all'");
            return new StatementLog(file, offset);
        }

        long stop(Connection db) throws SQLException, IOException {
            configure(db, "RESET log_statement", "RESET log_line_prefix");
            byte[] all = Files.readAllBytes(file);
            String added = new String(all, (int) offset, all.length - (int) offset, StandardCharsets.UTF_8);
            return added.lines().filter(line -> NODE_STATEMENT.matcher(line).matches()).count();
        }

        private static void configure(Connection db, String... settings) throws SQLException {
            try (java.sql.Statement statement = db.createStatement()) {
                for (String setting : settings) {
                    statement.execute("ALTER SYSTEM " + setting);
                }
                statement.execute("SELECT pg_reload_conf()");
            }
        }
    }

    /** The rounds of the nodes, seen as changes of their {@code last_seen} (each round writes its node's row). */
    private static final class Heartbeats {

        private final java.util.Map<String, java.util.Set<String>> seen = new java.util.HashMap<>();

        void read(Connection db) throws SQLException {
            try (java.sql.Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(
                    "SELECT name, last_seen::text FROM plinth_fleet.node WHERE grp = '" + GROUP + "'")) {
                while (rows.next()) {
                    seen.computeIfAbsent(rows.getString(1), name -> new java.util.HashSet<>()).add(rows.getString(2));
                }
            }
        }

        /** Rounds seen after the first read. */
        double rounds() {
            return seen.values().stream().mapToInt(values -> values.size() - 1).sum();
        }
    }

    /** The clock ticks per second of {@code /proc/PID/stat} ({@code getconf CLK_TCK}, 100 on Linux). */
    private static double clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return getconf.waitFor() == 0 ? Double.parseDouble(out) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    /** One runtime: its home, port, process and REST client. */
    private static final class Node {

        private final String name;
        private final Path home;
        private final Path console;
        private final PlinthRuntime runtime;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        private Process process;
        private URI base;
        private String token;

        private Node(String name, Path home, Path console, PlinthRuntime runtime) {
            this.name = name;
            this.home = home;
            this.console = console;
            this.runtime = runtime;
        }

        /** Unpacks a home; a node of the fleet unless {@code pg} is null. */
        static Node prepare(Bench.Context context, Path bench, String name, Path catalog, BenchPostgres pg,
                String password) throws IOException, InterruptedException {
            Path home = Files.createDirectories(bench.resolve(name));
            List<String> options = new ArrayList<>(context.plinthOptions());
            options.add("-Dorg.osgi.service.http.port=" + freePort());
            PlinthRuntime runtime = new PlinthRuntime(context.plinthArchive(), context.javaHome(), List.of(), options);
            if (pg != null) {
                runtime = runtime.withEnvironment(java.util.Map.of(PASSWORD_VARIABLE, password));
            }
            runtime.prepare(home);
            Files.writeString(home.resolve("etc/dev.plinth.catalog.cfg.json"),
                    "{\"catalogs\": [\"" + catalog.toUri() + "\"]}\n");
            if (pg != null) {
                Files.writeString(home.resolve("etc/dev.plinth.fleet.cfg.json"), "{\n  \"url\": \""
                        + pg.jdbcUrl(DATABASE) + "\",\n  \"user\": \"" + ROLE + "\",\n  \".password\": \"$[env:"
                        + PASSWORD_VARIABLE + "]\",\n  \"group\": \"" + GROUP + "\",\n  \"node\": \"" + name
                        + "\"\n}\n");
            }
            return new Node(name, home, bench.resolve(name + ".out"), runtime);
        }

        void launch() throws IOException {
            process = Measure.launch(runtime, home, console);
        }

        void awaitReady(Duration bound) throws IOException, InterruptedException {
            Measure.awaitReady(runtime, process, console, bound);
            Path endpoint = home.resolve("data/rest/endpoint");
            Await.until(name + "'s REST API (" + endpoint + ")", bound, Duration.ofMillis(10),
                    () -> Files.isRegularFile(endpoint));
            base = URI.create(Files.readString(endpoint).strip());
            token = Files.readString(home.resolve("data/rest/admin.token")).strip();
        }

        /** Publishes {@code set} to every node at once; returns the generation's number. */
        long publish(ObjectNode set, Duration bound) throws IOException, InterruptedException {
            ObjectNode body = JSON.createObjectNode();
            body.set("plugins", set);
            body.put("canaries", "0").put("canarySeconds", 120).put("autoRollback", false).put("basedOn", 0);
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve("/api/fleet/generations"))
                    .timeout(bound).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 201) {
                throw new IOException("publish on " + name + ": " + answer.statusCode() + " " + answer.body());
            }
            return JSON.readTree(answer.body()).path("generation").path("number").asLong();
        }

        /** Fails unless every plugin runs at {@code version}, enabled ({@code GET /api/plugins}). */
        void check(List<String> ids, String version) throws IOException, InterruptedException {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve("/api/plugins"))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode plugins = JSON.readTree(answer.body());
            for (String id : ids) {
                boolean running = false;
                for (JsonNode plugin : plugins) {
                    running |= plugin.path("id").asText().equals(id) && plugin.path("version").asText().equals(version)
                            && plugin.path("state").asText().equals("enabled");
                }
                if (!running) {
                    throw new IOException(name + " does not run " + id + " " + version + ": " + answer.body());
                }
            }
        }

        /** utime + stime of the runtime's JVM, in clock ticks. */
        long cpuTicks() throws IOException {
            long pid = Measure.javaProcess(process).pid();
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }

        void stop(Duration bound) {
            if (process == null) {
                return;
            }
            try {
                Measure.stop(runtime, process, bound);
            } catch (IOException | InterruptedException e) {
                System.out.println("fleet: " + name + " did not stop: " + e.getMessage());
            } finally {
                Measure.kill(process);
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }
    }
}
