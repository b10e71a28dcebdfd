package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A viewer token configured as its sha-256 digest reads like one given in clear, and the token itself is nowhere in
 * the home: not in {@code etc/}, not in the framework's configuration cache under {@code data/}.
 */
class ViewerTokenDigestIT {

    @TempDir
    Path unpacked;

    @Test
    void aViewerTokenConfiguredAsItsDigestReadsAndIsKeptNowhereInClear() throws Exception {
        String viewer = "digest-viewer-" + UUID.randomUUID();
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(viewer.getBytes(StandardCharsets.UTF_8)));

        try (RestRuntime rest = RestRuntime.start(unpacked, "{\"viewer.tokens\": [\"sha256:" + digest + "\"]}")) {
            assertEquals(200, rest.get("/api/plugins", viewer).status());
            assertEquals("READ_ONLY", rest.method("POST", "/api/plugins/dev.plinth.sample.hello/disable", viewer)
                    .problem(403));
            assertEquals("INVALID_TOKEN", rest.get("/api/plugins", "sha256:" + digest).problem(401),
                    "the digest is no token");
            assertEquals(List.of(), filesHolding(rest.home(), viewer));
        }
    }

    private static List<Path> filesHolding(Path home, String text) throws Exception {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Stream.concat(Files.walk(home.resolve("etc")), Files.walk(home.resolve("data")))) {
            return files.filter(Files::isRegularFile).filter(file -> contains(file, needle)).toList();
        }
    }

    private static boolean contains(Path file, byte[] needle) {
        try {
            String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            return content.contains(new String(needle, StandardCharsets.ISO_8859_1));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
