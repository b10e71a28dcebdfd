package dev.plinth.sample.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.plinth.testing.PlinthRuntime;
import dev.plinth.testing.PlinthTest;

/** The sample's route, and its console pages as the console lists them, in a real runtime. */
@PlinthTest
class PagesPluginTest {

    private static final String NOTES = "/api/plugin/dev.plinth.sample.pages/notes";

    @Test
    void itsRouteKeepsNotes(PlinthRuntime plinth) throws IOException, InterruptedException {
        HttpResponse<String> added = HttpClient.newHttpClient().send(HttpRequest.newBuilder(plinth.uri(NOTES))
                .header("Authorization", "Bearer " + plinth.adminToken()).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("a note <b>with</b> \"quotes\"")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, added.statusCode(), added.body());

        HttpResponse<String> notes = plinth.get(NOTES);
        assertEquals(200, notes.statusCode(), notes.body());
        assertTrue(notes.body().startsWith("{\"version\":\"1.0.0\",\"greeting\":\"Hello\",\"notes\":["),
                notes.body());
        assertTrue(notes.body().contains("\"a note \\u003cb\\u003ewith\\u003c/b\\u003e \\\"quotes\\\"\""),
                notes.body());
    }

    @Test
    void theConsoleListsItsThreeSlotsSandboxed(PlinthRuntime plinth) {
        HttpResponse<String> modules = plinth.get("/api/console/modules");
        assertEquals(200, modules.statusCode(), modules.body());
        Matcher slot = Pattern.compile("\"plugin\":\"dev\\.plinth\\.sample\\.pages\".*?\"slot\":\"(\\w+)\".*?"
                + "\"tier\":\"(\\w+)\"").matcher(modules.body());
        List<String> slots = slot.results().map(found -> found.group(1) + " " + found.group(2)).toList();
        assertEquals(List.of("page sandboxed", "panel sandboxed", "settings sandboxed"), slots, modules.body());
    }
}
