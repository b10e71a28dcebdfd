package dev.plinth.itests.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.plinth.common.testing.ThrowawayPostgres;
import dev.plinth.itests.blackbox.Plinth;

/**
 * A node of a fleet halted between its apply and its report: after the apply (node.json not written), while node.json
 * is written, and with node.json written but the report not sent. At the next start the node applies the generation
 * again (nothing left to change), reports it, and is converged, with the plugin enabled once and no failure in the
 * manager's history.
 */
class FleetCrashIT {

    private static final String ID = "dev.plinth.sample.hello";
    private static final String PASSWORD = "fleet-crash-secret";
    private static final Duration BOUND = Duration.ofSeconds(90);

    @TempDir
    static Path unpacked;

    private static ThrowawayPostgres pg;
    private static Home home;
    private static String sha;

    @BeforeAll
    static void installed() throws Exception {
        pg = ThrowawayPostgres.start();
        try (Connection c = superuser("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE fleet LOGIN PASSWORD '" + PASSWORD + "'");
            s.execute("CREATE DATABASE fleet OWNER fleet");
        }
        home = Home.unpack(unpacked);
        Files.writeString(home.path().resolve("etc/dev.plinth.fleet.cfg.json"), "{ \"url\": \"" + pg.jdbcUrl("fleet")
                + "\", \"user\": \"fleet\", \".password\": \"$[env:FLEET_PASSWORD]\", \"group\": \"crash\", "
                + "\"node\": \"node-a\", \"poll.seconds:Integer\": 1 }");
        try (var jars = Files.list(home.path().resolve("catalog"))) {
            Path jar = jars.filter(p -> p.getFileName().toString().startsWith(ID + "-")).findFirst().orElseThrow();
            sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(jar)));
        }
    }

    @AfterAll
    static void stop() {
        if (pg != null) {
            pg.close();
        }
    }

    @ParameterizedTest(name = "halted at {0}")
    @ValueSource(strings = {"fleet.applied.unrecorded", "write.node.json.unrenamed", "fleet.recorded.unreported"})
    void aNodeHaltedBetweenItsApplyAndItsReportFinishesAtItsNextStart(String point) throws Exception {
        home.wipeData();
        try (Connection c = superuser("fleet"); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS plinth_fleet CASCADE");
        }

        Plinth.Running crashing = node().env("PLINTH_OPTS", "-Dplinth.fault=" + point).start("daemon");
        try {
            awaitRows("SELECT name FROM plinth_fleet.node", List.of("node-a"));
            publish();
            Plinth.Result crashed = crashing.await(BOUND);
            assertEquals(Home.HALTED, crashed.exit(), "the runtime halted at " + point + "\n" + crashed);
            Figures.CRASH_POINTS.incrementAndGet();
        } finally {
            crashing.kill();
        }
        assertEquals(List.of("0"), rows("SELECT applied FROM plinth_fleet.node"), "nothing reported before the halt");

        Plinth.Running restarted = node().start("daemon");
        try {
            restarted.awaitReady();
            awaitRows("SELECT applied || ' ' || state || ' ' || health FROM plinth_fleet.node",
                    List.of("1 converged ok"));
            // The rollout is marked done at the poll that sees the node's report, a moment after that report.
            awaitRows("SELECT state FROM plinth_fleet.generation", List.of("done"));
            String plugins = node().exec("plugin:list").out();
            assertTrue(plugins.lines().anyMatch(l -> l.startsWith(ID) && l.contains("enabled")), plugins);
            String history = node().exec("plugin:history -n 20").out();
            assertFalse(history.contains("failed"), history);
            assertTrue(Files.readString(home.data("fleet/node.json")).contains("\"applied\": 1"));
            assertTrue(rows("SELECT outcome FROM plinth_fleet.report ORDER BY id").stream()
                    .anyMatch(o -> o.startsWith("applied")), "the apply is reported");
        } finally {
            restarted.signal("TERM");
            restarted.await(BOUND);
        }
    }

    private static Plinth node() {
        return new Plinth(home.path()).env("FLEET_PASSWORD", PASSWORD);
    }

    /** Generation 1 of group crash: the sample hello plugin, enabled, to every node at once. */
    private static void publish() throws SQLException {
        try (Connection c = superuser("fleet"); PreparedStatement s = c.prepareStatement("INSERT INTO "
                + "plinth_fleet.generation (grp, number, published_by, canaries_spec, canary_seconds, auto_rollback, "
                + "state, rolled, plugins, archives) VALUES ('crash', 1, 'test', '0', 120, false, 'rolling', true, "
                + "?::jsonb, ?::jsonb)")) {
            s.setString(1, "{\"plugins\": [{\"id\": \"" + ID + "\", \"version\": \"1.0.0\", \"enabled\": true, "
                    + "\"pinned\": false, \"settings\": {}, \"secrets\": []}]}");
            s.setString(2, "{\"" + ID + "\": \"" + sha + "\"}");
            s.executeUpdate();
            try (Statement notify = c.createStatement()) {
                notify.execute("NOTIFY plinth_fleet, 'crash'");
            }
        }
    }

    private static void awaitRows(String sql, List<String> expected) throws Exception {
        long deadline = System.nanoTime() + BOUND.toNanos();
        List<String> seen = List.of();
        while (System.nanoTime() < deadline) {
            try {
                seen = rows(sql);
                if (seen.equals(expected)) {
                    return;
                }
            } catch (SQLException notYet) {
                seen = List.of(notYet.getMessage());
            }
            Thread.sleep(100);
        }
        assertEquals(expected, seen, sql);
    }

    private static List<String> rows(String sql) throws SQLException {
        try (Connection c = superuser("fleet"); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (r.next()) {
                values.add(r.getString(1));
            }
            return values;
        }
    }

    private static Connection superuser(String database) throws SQLException {
        return DriverManager.getConnection(pg.jdbcUrl(database), pg.superuser(), pg.superuserPassword());
    }
}
