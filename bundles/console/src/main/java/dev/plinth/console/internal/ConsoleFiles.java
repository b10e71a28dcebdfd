package dev.plinth.console.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.plinth.common.Sha256;

/**
 * The console's files by their name below {@code console/} ({@code index.html}, {@code assets/app.js},
 * {@code sdk/1.0.0/frame.js}), all read into memory when the console starts, and the content security policy of the
 * console, which allows the import maps of {@code index.html} by their hash. A request is answered only with a file
 * of this set: no path is ever resolved against a file system or a class path, so no request can reach anything
 * else.
 */
final class ConsoleFiles {

    private static final Pattern IMPORT_MAP = Pattern.compile("<script type=\"importmap\">(.*?)</script>",
            Pattern.DOTALL);

    private final Map<String, StaticFile> files;
    private final String policy;

    private ConsoleFiles(Map<String, StaticFile> files, String policy) {
        this.files = Map.copyOf(files);
        this.policy = policy;
    }

    /**
     * The files of these contents; names whose extension the console does not serve are left out.
     *
     * @param contents the bytes of each file by its name below {@code console/}
     */
    static ConsoleFiles of(Map<String, byte[]> contents) {
        Map<String, StaticFile> files = new TreeMap<>();
        contents.forEach((name, bytes) -> {
            String type = MediaTypes.of(name);
            if (type != null) {
                files.put(name, StaticFile.of(type, bytes));
            }
        });
        byte[] index = contents.get("index.html");
        return new ConsoleFiles(files, SecurityHeaders.policy(index == null ? List.of()
                : importMapHashes(new String(index, StandardCharsets.UTF_8))));
    }

    /** The {@code sha256-<base64>} source of each import map of a page, over its text between the tags. */
    static List<String> importMapHashes(String page) {
        List<String> hashes = new ArrayList<>();
        Matcher map = IMPORT_MAP.matcher(page);
        while (map.find()) {
            byte[] digest = Sha256.digest().digest(map.group(1).getBytes(StandardCharsets.UTF_8));
            hashes.add("sha256-" + Base64.getEncoder().encodeToString(digest));
        }
        return hashes;
    }

    /** The file of a name, or {@code null}. */
    StaticFile get(String name) {
        return name == null ? null : files.get(name);
    }

    /** How many files there are. */
    int size() {
        return files.size();
    }

    /** The content security policy of the console's answers. */
    String policy() {
        return policy;
    }
}
