package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the HTTP port comes from when it is set in several places: etc/ wins, as docs/rest.md says. */
class PortPrecedenceIT {

    @TempDir
    Path unpacked;

    @Test
    void thePortOfEtcWinsOverAJvmProperty() throws Exception {
        Plinth plinth = new Plinth(Distribution.unpack(unpacked));
        int fromEtc = RestRuntime.freePort();
        Files.writeString(plinth.home().resolve("etc/org.apache.felix.http.cfg"),
                "org.osgi.service.http.port = " + fromEtc + "\n");

        try (RestRuntime runtime = RestRuntime.start(plinth, RestRuntime.freePort())) {
            String wanted = "http://127.0.0.1:" + fromEtc + "/";
            Path file = plinth.home().resolve("data/rest/endpoint");
            long deadline = System.nanoTime() + Plinth.BOUND.toNanos();
            String endpoint = endpoint(file);
            while (!endpoint.equals(wanted) && System.nanoTime() < deadline) {
                Thread.sleep(100);
                endpoint = endpoint(file);
            }
            assertEquals(wanted, endpoint, "the HTTP service moves to the port of etc/ once its file is applied");
        }
    }

    /** The endpoint file's address; empty while there is none (the server between two ports). */
    private static String endpoint(Path file) throws IOException {
        try {
            return Files.readString(file).strip();
        } catch (NoSuchFileException e) {
            return "";
        }
    }
}
