package dev.plinth.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class EnabledPluginsTest {

    private final EnabledPlugins plugins = new EnabledPlugins();

    @Test
    void aManagedPluginWithTheHeaderIsServedAtItsRevision() {
        FakeBundle pages = new FakeBundle("dev.plinth.sample.pages").header("Bundle-Name", "Sample pages");
        plugins.started(pages.bundle());
        PluginConsole console = plugins.get("dev.plinth.sample.pages");
        assertNotNull(console);
        assertEquals("Sample pages", console.name());
        assertEquals("1.0.0", console.version());
        assertTrue(console.hash().matches("[0-9a-f]{12}"), console.hash());
        assertEquals("1.0.0/" + console.hash(), console.revision());
        assertEquals(List.of("page", "panel"), console.contributions().stream().map(c -> c.slot()).toList());
        assertEquals(Map.of(), plugins.problems());
    }

    @Test
    void bundlesNotInstalledByTheManagerOrWithoutTheHeaderAreNotFollowed() {
        FakeBundle foreign = new FakeBundle("org.example.foreign");
        foreign.location = "file:/tmp/foreign.jar";
        FakeBundle elsewhere = new FakeBundle("org.example.named");
        elsewhere.location = "plinth:managed/org.example.other";
        FakeBundle plain = new FakeBundle("org.example.plain").header("Plinth-Console", null);
        for (FakeBundle bundle : List.of(foreign, elsewhere, plain)) {
            assertTrue(!EnabledPlugins.brings(bundle.bundle()));
            plugins.started(bundle.bundle());
        }
        assertEquals(List.of(), plugins.all());
        assertEquals(Map.of(), plugins.problems());
    }

    @Test
    void aStoppedPluginIsGoneAndANewRevisionReplacesTheOld() {
        FakeBundle one = new FakeBundle("org.example.app");
        plugins.started(one.bundle());
        String first = plugins.get("org.example.app").revision();
        plugins.stopped(one.bundle());
        assertNull(plugins.get("org.example.app"));

        FakeBundle rebuilt = new FakeBundle("org.example.app").entry("console/page.js", "export function mount() {}");
        plugins.started(rebuilt.bundle());
        String second = plugins.get("org.example.app").revision();
        assertTrue(second.startsWith("1.0.0/"));
        assertNotEquals(first, second, "other bytes at the same version are another revision");
        plugins.stopped(one.bundle());
        assertNotNull(plugins.get("org.example.app"), "the stop of an older bundle of the id does not remove it");
    }

    @Test
    void theHashCoversNamesAndBytesOfEveryFileUnderConsoleOnly() {
        String base = revision(new FakeBundle("a"));
        assertEquals(base, revision(new FakeBundle("a").entry("OSGI-INF/x.xml", "<x/>")));
        assertNotEquals(base, revision(new FakeBundle("a").entry("console/extra.txt", "")));
        assertNotEquals(base, revision(new FakeBundle("a").entry("console/page.js", "export {}")));
    }

    private String revision(FakeBundle bundle) {
        EnabledPlugins fresh = new EnabledPlugins();
        fresh.started(bundle.bundle());
        return fresh.get(bundle.symbolicName).hash();
    }

    @Test
    void aPluginWhoseConsoleCannotBeServedIsAProblemNamingWhy() {
        plugins.started(new FakeBundle("bad.header").header("Plinth-Console", "tab;entry=console/a.js").bundle());
        plugins.started(new FakeBundle("no.entry").header("Plinth-Console", "page;entry=console/gone.js").bundle());
        FakeBundle many = new FakeBundle("too.many");
        for (int i = 0; i < PluginConsoleReader.MAX_FILES - 1; i++) {
            many.entry("console/f" + i + ".txt", "");
        }
        plugins.started(many.bundle());
        FakeBundle big = new FakeBundle("too.big").entry("console/big.png", new byte[8 * 1024 * 1024 - 10]);
        plugins.started(big.bundle());

        Map<String, String> problems = plugins.problems();
        assertEquals(List.of("bad.header", "no.entry", "too.big", "too.many"), List.copyOf(problems.keySet()));
        assertTrue(problems.get("bad.header").startsWith("its Plinth-Console header is invalid: clause 1"),
                problems.get("bad.header"));
        assertEquals("the entry console/gone.js of its page is not in its bundle", problems.get("no.entry"));
        assertEquals("its console/ folder has more than 500 files", problems.get("too.many"));
        assertEquals("its console/ folder holds more than 8 MiB", problems.get("too.big"));
        assertEquals(List.of(), plugins.all());

        plugins.stopped(new FakeBundle("other").bundle());
        assertEquals(4, plugins.problems().size());
    }

    @Test
    void fiveHundredFilesAndEightMebibytesAreServed() {
        FakeBundle full = new FakeBundle("full").entry("console/big.png", new byte[8 * 1024 * 1024 - 200]);
        for (int i = 0; i < PluginConsoleReader.MAX_FILES - 3; i++) {
            full.entry("console/f" + i + ".txt", "");
        }
        plugins.started(full.bundle());
        assertNotNull(plugins.get("full"), plugins.problems().toString());
    }

    @Test
    void onlyTypesServedToPluginsAreKept() {
        FakeBundle bundle = new FakeBundle("types").entry("console/index.html", "<script>alert(1)</script>")
                .entry("console/a.svg", "<svg/>").entry("console/x.class", "cafe").entry("console/s.css", "a{}");
        plugins.started(bundle.bundle());
        PluginConsole console = plugins.get("types");
        assertNull(console.files().get("index.html"));
        assertNull(console.files().get("x.class"));
        assertEquals("image/svg+xml", console.files().get("a.svg").type());
        assertEquals("text/css; charset=utf-8", console.files().get("s.css").type());
    }
}
