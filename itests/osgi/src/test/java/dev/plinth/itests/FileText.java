package dev.plinth.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A file's text for a condition waited on ({@link Await}): empty while the file is missing or unreadable. */
public final class FileText {

    private FileText() {
    }

    public static String orEmpty(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
