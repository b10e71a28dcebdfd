package dev.plinth.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** A runtime the harness can lay out, start, recognise as ready and stop. */
interface Runtime {

    String name();

    /** Lays the runtime out in the empty directory {@code home}. */
    void prepare(Path home) throws IOException, InterruptedException;

    /** The command that starts it in the foreground, in {@code home}. */
    List<String> command(Path home);

    /** Environment variables the command needs. */
    Map<String, String> environment();

    /** What it prints once it is ready. */
    Pattern ready();

    /** Stops the started process; the harness waits for it to end. */
    void stop(Process process) throws IOException;
}
