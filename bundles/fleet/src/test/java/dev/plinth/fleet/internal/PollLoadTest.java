package dev.plinth.fleet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.plinth.api.fleet.Generation.RolloutState;
import dev.plinth.api.fleet.Rollout;

/** What an idle poll costs the database, read from PostgreSQL's statement log; and the canary time limit on time. */
class PollLoadTest extends FleetTestBase {

    @Test
    void anIdlePollIsOneSmallSelectAndOneHeartbeat() throws Exception {
        Path log;
        try (Connection c = fixture.superuser("postgres"); Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + FleetFixture.DATABASE + " SET log_statement = 'all'");
            try (var r = s.executeQuery("SHOW data_directory")) {
                r.next();
                log = Path.of(r.getString(1)).resolveSibling("server.log");
            }
        }
        List<FleetFixture.Node> n = join("node-a");
        fleet().publish(set(on("a", "1.0.0"), on("b", "1.0.0")), canaries("0"), 0, "test", false);
        n.get(0).agent().step();
        n.get(0).agent().step();
        assertEquals(RolloutState.DONE, generation(1).state());

        long before = Files.size(log);
        String lsn = lsn();
        n.get(0).agent().step();
        List<String> statements = statements(log, before);
        long wal = walSince(lsn);

        assertEquals(2, statements.size(), String.join("\n", statements));
        assertTrue(statements.get(0).contains("SELECT number, state, canary_nodes, auto_rollback"), statements.get(0));
        assertTrue(statements.get(1).contains("UPDATE plinth_fleet.node SET last_seen = now() WHERE"),
                statements.get(1));
        assertTrue(wal < 400, "a heartbeat of last_seen is a small HOT update: " + wal + " bytes of WAL");
    }

    @Test
    void theCanaryTimeLimitHaltsTheWaveOnTimeThoughThePollIsLonger() throws Exception {
        join("node-a");
        FleetSettings settings = fixture.settings(group, "node-b", Duration.ofSeconds(60), new Rollout("1", 1, false));
        FleetFixture.Node b = fixture.node(settings, data, catalogue());
        b.agent().start();
        try {
            assertTrue(await(() -> {
                try {
                    return fleet().nodes().size() == 2;
                } catch (Exception e) {
                    return false;
                }
            }, Duration.ofSeconds(10)), () -> String.join("\n", b.log().lines));
            fleet().publish(set(on("a", "1.0.0")), new Rollout("1", 1, false), 0, "test", false);
            assertEquals(RolloutState.CANARY, generation(1).state(), "node-a is the canary and does not report");

            assertTrue(await(() -> {
                try {
                    return generation(1).state() == RolloutState.HALTED;
                } catch (Exception e) {
                    return false;
                }
            }, Duration.ofSeconds(8)), "halted within the bound, not at the next poll 60 s later");
            assertEquals("canary node-a did not report healthy within 1 s", generation(1).reason());
        } finally {
            b.agent().stop();
        }
    }

    private static String lsn() throws Exception {
        try (Connection c = fixture.superuser("postgres"); Statement s = c.createStatement();
                var r = s.executeQuery("SELECT pg_current_wal_insert_lsn()")) {
            r.next();
            return r.getString(1);
        }
    }

    /** The bytes of WAL written since {@code lsn} (this test's own query adds none). */
    private static long walSince(String lsn) throws Exception {
        try (Connection c = fixture.superuser("postgres"); Statement s = c.createStatement();
                var r = s.executeQuery("SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '" + lsn + "')")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** The statements the server logged after {@code offset}. */
    private static List<String> statements(Path log, long offset) throws Exception {
        byte[] all = Files.readAllBytes(log);
        String text = new String(all, (int) offset, all.length - (int) offset, StandardCharsets.UTF_8);
        return text.lines().filter(l -> l.contains("LOG:  statement: ") || l.contains("LOG:  execute "))
                .toList();
    }
}
