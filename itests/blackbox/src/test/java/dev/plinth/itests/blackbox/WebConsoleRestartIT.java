package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An open console across a restart of its runtime: the sessions end with the process, so the page goes to sign-in
 * by itself instead of showing stale plugins as if signed in; signed in again, it shows what changed meanwhile.
 */
class WebConsoleRestartIT {

    private static final String HELLO = "dev.plinth.sample.hello";

    @RegisterExtension
    static final Browser browser = new Browser();

    @TempDir
    static Path unpacked;

    private static RestRuntime rest;

    @AfterAll
    static void stop() throws Exception {
        if (rest != null) {
            rest.close();
        }
    }

    @Test
    void anOpenPageGoesToSignInWhenTheRuntimeRestarts() throws Exception {
        rest = RestRuntime.start(unpacked, RestRuntime.configuration(1 << 20));
        assertEquals(201, rest.upload("/api/plugins?enable=true", rest.home().resolve("samples/" + HELLO + ".jar"))
                .status());
        browser.signIn(rest, rest.adminToken(), "#/plugins");
        browser.awaitView("plugins");
        browser.await("tr[data-plugin-id='" + HELLO + "']");

        Plinth plinth = rest.plinth();
        int port = rest.port();
        rest.close();
        rest = RestRuntime.start(plinth, port);
        assertEquals(200, rest.post("/api/plugins/" + HELLO + "/disable").status());

        browser.await("input#signin-token");
        assertFalse(browser.one("#top").isDisplayed(), "the page no longer shows the signed-in header");
        browser.signIn(rest, rest.adminToken(), "#/plugins");
        browser.awaitView("plugins");
        browser.await("the plugin shown installed after the restart", driver -> driver.findElement(
                org.openqa.selenium.By.cssSelector("tr[data-plugin-id='" + HELLO + "'] td[data-col=state]")).getText()
                .strip().equals("installed") ? Boolean.TRUE : null);
    }
}
