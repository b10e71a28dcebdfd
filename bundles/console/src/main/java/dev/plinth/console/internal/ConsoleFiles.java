package dev.plinth.console.internal;

import java.util.Map;
import java.util.TreeMap;

/**
 * The console's files by their name below {@code console/} ({@code index.html}, {@code assets/app.js}), all read into
 * memory when the console starts. A request is answered only with a file of this set: no path is ever resolved
 * against a file system or a class path, so no request can reach anything else.
 */
final class ConsoleFiles {

    private final Map<String, StaticFile> files;

    private ConsoleFiles(Map<String, StaticFile> files) {
        this.files = Map.copyOf(files);
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
        return new ConsoleFiles(files);
    }

    /** The file of a name, or {@code null}. */
    StaticFile get(String name) {
        return name == null ? null : files.get(name);
    }

    /** How many files there are. */
    int size() {
        return files.size();
    }
}
