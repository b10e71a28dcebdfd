package dev.plinth.common.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThrowawayPostgresTest {

    @Test
    void startsAServerThatAnswersAndCloseStopsItAndDeletesItsFolder() throws IOException {
        Path folder;
        int port;
        try (ThrowawayPostgres pg = ThrowawayPostgres.start()) {
            folder = pg.folder();
            port = pg.port();
            assertTrue(Files.isDirectory(folder.resolve("data")));
            assertEquals('N', sslAnswer(pg.host(), port), "a PostgreSQL server answers an SSLRequest with N or S");
            assertEquals("jdbc:postgresql://127.0.0.1:" + port + "/plinth", pg.jdbcUrl("plinth"));
        }
        assertFalse(Files.exists(folder), "the folder is deleted");
        assertThrows(ConnectException.class, () -> sslAnswer("127.0.0.1", port), "nothing listens any more");
    }

    @Test
    void stopRefusesConnectionsAndRestartBringsTheSameClusterBackOnTheSamePort() throws Exception {
        try (ThrowawayPostgres pg = ThrowawayPostgres.start()) {
            int port = pg.port();
            psql(pg, "CREATE DATABASE kept");

            pg.stop();
            assertFalse(pg.running());
            assertThrows(ConnectException.class, () -> sslAnswer("127.0.0.1", port), "nothing listens while stopped");
            pg.stop();

            pg.restart();
            assertTrue(pg.running());
            assertEquals(port, pg.port());
            assertEquals('N', sslAnswer(pg.host(), port));
            assertEquals("kept", psql(pg, "SELECT datname FROM pg_database WHERE datname = 'kept'"),
                    "the database made before the stop is there");
        }
    }

    @Test
    void aClosedServerCannotBeRestarted() {
        ThrowawayPostgres pg = ThrowawayPostgres.start();
        pg.close();
        assertFalse(pg.running());
        IllegalStateException e = assertThrows(IllegalStateException.class, pg::restart);
        assertTrue(e.getMessage().contains("was closed"), e.getMessage());
    }

    /** Runs one statement through the server's {@code psql} as the superuser; returns its unaligned output. */
    private static String psql(ThrowawayPostgres pg, String sql) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(pg.binaries().resolve("psql").toString(), "-h", pg.host(), "-p",
                String.valueOf(pg.port()), "-U", pg.superuser(), "-d", "postgres", "-XAtq", "-c", sql)
                .redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", pg.superuserPassword());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes()).strip();
        assertTrue(process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "psql ended");
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    @Test
    void missingServerBinariesFailSayingWhatToInstall(@TempDir Path empty) {
        String before = System.getProperty(ThrowawayPostgres.BIN_PROPERTY);
        System.setProperty(ThrowawayPostgres.BIN_PROPERTY, empty.toString());
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, ThrowawayPostgres::start);
            assertTrue(e.getMessage().contains("install postgresql (Debian) or set plinth.test.pg.bin"),
                    e.getMessage());
            assertTrue(e.getMessage().contains(empty.toString()), e.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty(ThrowawayPostgres.BIN_PROPERTY);
            } else {
                System.setProperty(ThrowawayPostgres.BIN_PROPERTY, before);
            }
        }
    }

    /** The one byte a PostgreSQL server answers to an SSLRequest (this server has no SSL: {@code N}). */
    private static char sslAnswer(String host, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5000);
            socket.setSoTimeout(5000);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(8);
            out.writeInt(80877103);
            out.flush();
            return (char) new DataInputStream(socket.getInputStream()).readByte();
        }
    }
}
