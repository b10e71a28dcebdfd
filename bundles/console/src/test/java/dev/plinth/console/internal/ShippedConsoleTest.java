package dev.plinth.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The console's files as the bundle ships them: all served, no inline script or style, no markup from data. */
class ShippedConsoleTest {

    private static final Path ROOT = Path.of("src/main/resources/console");
    private static final Pattern IMPORT = Pattern.compile("(?m)^\\s*import\\s+(?:[^'\"]*\\s+from\\s+)?['\"]([^'\"]+)['\"]");

    @Test
    void everyFileIsServedUnderItsName() throws IOException {
        Map<String, byte[]> shipped = shipped();
        ConsoleFiles files = ConsoleFiles.of(shipped);
        assertEquals(shipped.size(), files.size(), "a file of a type the console does not serve: " + shipped.keySet());
        for (String name : shipped.keySet()) {
            if (name.startsWith("sdk/")) {
                continue; // the SDK is served under /console/sdk/<version>/, not as a file of the page
            }
            String path = name.equals("index.html") ? "/" : "/" + name;
            assertEquals(name, ConsolePaths.fileName(path), path);
        }
    }

    /** The one inline script: the import map keeping plugins' modules from the console's (its hash is in the CSP). */
    static final String IMPORT_MAP = "<script type=\"importmap\">"
            + "{\"scopes\":{\"/console/plugins/\":{\"/console/assets/\":\"/console/no-access/\"}}}</script>";

    @Test
    void theIndexHasNoInlineScriptOrStyle() throws IOException {
        String index = Files.readString(ROOT.resolve("index.html"));
        assertFalse(index.contains("style="), "a style attribute in index.html");
        assertFalse(index.contains("<style"), "a style element in index.html");
        assertTrue(index.contains(IMPORT_MAP), "the import map");
        assertTrue(index.indexOf(IMPORT_MAP) < index.indexOf("<script type=\"module\""), "the import map comes first");
        String rest = index.replace(IMPORT_MAP, "");
        assertFalse(Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>").matcher(rest).find(), "an inline script");
        assertFalse(Pattern.compile("\\son[a-z]+=").matcher(index).find(), "an inline event handler");
    }

    @Test
    void thePolicyAllowsEachImportMapOfTheIndexByItsHash() throws IOException {
        String index = Files.readString(ROOT.resolve("index.html"));
        ConsoleFiles files = ConsoleFiles.of(shipped());
        List<String> hashes = ConsoleFiles.importMapHashes(index);
        assertEquals(index.split("type=\"importmap\"", -1).length - 1, hashes.size());
        for (String hash : hashes) {
            assertTrue(files.policy().contains(" '" + hash + "'"), files.policy());
        }
    }

    @Test
    void theBundleProvidesTheSdkVersionItServes() throws IOException {
        String bnd = Files.readString(Path.of("bnd.bnd"));
        assertTrue(bnd.contains("dev.plinth.console.sdk;version:Version=" + ConsolePaths.SDK_VERSION), bnd);
        assertEquals("sdk/" + ConsolePaths.SDK_VERSION + "/frame.js",
                ConsolePaths.fileName("/sdk/" + ConsolePaths.SDK_VERSION + "/frame.js"));
    }

    @Test
    void noModuleWritesMarkup() throws IOException {
        for (Map.Entry<String, byte[]> file : shipped().entrySet()) {
            if (file.getKey().endsWith(".js")) {
                String source = new String(file.getValue(), StandardCharsets.UTF_8);
                for (String sink : List.of("\\.innerHTML\\b", "\\.outerHTML\\b", "\\binsertAdjacentHTML\\b",
                        "\\bdocument\\.write", "\\beval\\(", "\\bnew Function\\(", "setAttribute\\(['\"]style",
                        "\\.style\\.cssText")) {
                    assertFalse(Pattern.compile(sink).matcher(source).find(), file.getKey() + " uses " + sink);
                }
            }
        }
    }

    @Test
    void everyRequestGoesThroughTheModuleThatSendsTheCsrfHeader() throws IOException {
        Map<String, String> only = Map.of("(?<![\\w$.])fetch\\s*\\(|\\b(?:globalThis|window|self|top|parent)\\.fetch\\b",
                "assets/api.js",
                "\\bsessionStorage\\b", "assets/api.js");
        for (Map.Entry<String, byte[]> file : shipped().entrySet()) {
            if (file.getKey().endsWith(".js")) {
                String source = new String(file.getValue(), StandardCharsets.UTF_8);
                for (Map.Entry<String, String> call : only.entrySet()) {
                    assertTrue(file.getKey().equals(call.getValue()) || !Pattern.compile(call.getKey()).matcher(source).find(),
                            file.getKey() + " uses " + call.getKey() + " (only " + call.getValue() + " may)");
                }
                for (String sink : List.of("\\bnew EventSource\\b|\\.EventSource\\b", "csrf=", "\\bXMLHttpRequest\\b", "\\bsendBeacon\\b", "\\blocalStorage\\b",
                        "\\bdocument\\.cookie\\b")) {
                    assertFalse(Pattern.compile(sink).matcher(source).find(), file.getKey() + " uses " + sink);
                }
            }
        }
        assertTrue(Files.readString(ROOT.resolve("assets/events.js")).contains("openEventStream({"),
                "the event stream is read through api.js, with the CSRF header (never in a URL: EventSource cannot "
                        + "send a header, and the page's resource timing lists every URL it asked for)");
        String api = Files.readString(ROOT.resolve("assets/api.js"));
        assertTrue(api.contains("const nativeFetch = globalThis.fetch;"), "api.js takes fetch when it loads");
        assertFalse(Pattern.compile("export\\s+(?:let|const|var|function)\\s+csrf\\b").matcher(api).find(),
                "api.js exports its CSRF value");
    }

    @Test
    void everyImportNamesAShippedModule() throws IOException {
        Map<String, byte[]> shipped = shipped();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : shipped.entrySet()) {
            if (!file.getKey().endsWith(".js")) {
                continue;
            }
            Matcher imports = IMPORT.matcher(new String(file.getValue(), StandardCharsets.UTF_8));
            while (imports.find()) {
                String target = Path.of(file.getKey()).resolveSibling(imports.group(1)).normalize().toString()
                        .replace('\\', '/');
                if (!shipped.containsKey(target)) {
                    missing.add(file.getKey() + " -> " + imports.group(1));
                }
            }
        }
        assertTrue(missing.isEmpty(), "imports of modules that are not shipped: " + missing);
    }

    @Test
    void theRouterHasEveryViewOfTheContract() throws IOException {
        String router = Files.readString(ROOT.resolve("assets/router.js"));
        for (String view : List.of("plugins", "plugin", "graph", "catalog", "history", "runtime")) {
            assertTrue(router.contains("from './views/" + view + ".js'"), view);
            String module = Files.readString(ROOT.resolve("assets/views/" + view + ".js"));
            assertTrue(module.contains("export function render(container, params, ctx)"), view + " exports render");
        }
        assertNotNull(ConsoleFiles.of(shipped()).get("assets/app.js"));
    }

    private static Map<String, byte[]> shipped() throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(ROOT)) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                files.put(ROOT.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
        return files;
    }
}
