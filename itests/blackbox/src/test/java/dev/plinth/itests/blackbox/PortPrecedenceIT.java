package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
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
            String endpoint = Files.readString(plinth.home().resolve("data/rest/endpoint")).strip();
            assertEquals("http://127.0.0.1:" + fromEtc + "/", endpoint);
        }
    }
}
