package dev.plinth.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ConsoleFilesTest {

    private static final String MAP =
            "{\"scopes\":{\"/console/plugins/\":{\"/console/assets/\":\"/console/no-access/\"}}}";

    @Test
    void theImportMapOfTheIndexIsAllowedByTheHashOfItsText() {
        String index = "<!doctype html><head>\n<script type=\"importmap\">" + MAP + "</script>\n"
                + "<script type=\"module\" src=\"assets/app.js\"></script></head>";
        ConsoleFiles files = ConsoleFiles.of(Map.of("index.html", index.getBytes(StandardCharsets.UTF_8)));
        // echo -n '<map>' | openssl dgst -sha256 -binary | base64
        assertEquals(List.of("sha256-BsZxWLem6PdrEQI2PWwUsSlrC2ZVEM5FckxsDEiWfAo="),
                ConsoleFiles.importMapHashes(index));
        assertEquals("default-src 'none'; script-src 'self' 'sha256-BsZxWLem6PdrEQI2PWwUsSlrC2ZVEM5FckxsDEiWfAo='; "
                + "style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; manifest-src 'self'; "
                + "frame-src 'self'; worker-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; "
                + "sandbox allow-scripts allow-same-origin allow-forms allow-modals allow-downloads", files.policy());
    }

    @Test
    void anIndexWithoutAnImportMapAllowsNoInlineScript() {
        ConsoleFiles files = ConsoleFiles.of(Map.of("index.html", "<!doctype html>".getBytes(StandardCharsets.UTF_8)));
        assertEquals(SecurityHeaders.policy(List.of()), files.policy());
        assertEquals(false, files.policy().contains("sha256"));
    }
}
