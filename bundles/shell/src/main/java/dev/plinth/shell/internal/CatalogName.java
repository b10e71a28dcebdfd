package dev.plinth.shell.internal;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plugin named for a catalogue, {@code ID}, {@code ID@VERSION} or {@code ID@latest}, as opposed to an archive: a
 * word that is no existing file, has no URL scheme and does not end in {@code .jar}.
 *
 * @param version the version asked for, or {@code null} for the newest this runtime can run
 */
record CatalogName(String id, String version) {

    private static final Pattern NAME = Pattern.compile("([A-Za-z0-9_][A-Za-z0-9_.-]*)(?:@([A-Za-z0-9_.-]+))?");

    static boolean is(String argument, Path currentDir) {
        if (argument == null || !NAME.matcher(argument).matches() || argument.endsWith(".jar")) {
            return false;
        }
        try {
            return !Files.exists(SourceArgument.directory(currentDir).resolve(argument));
        } catch (InvalidPathException e) {
            return true;
        }
    }

    static CatalogName parse(String argument) {
        Matcher matcher = NAME.matcher(argument);
        if (!matcher.matches()) {
            throw new CommandFailedException("not a plugin name: " + argument);
        }
        String version = matcher.group(2);
        return new CatalogName(matcher.group(1), version == null || version.equalsIgnoreCase("latest") ? null
                : version);
    }
}
