package dev.plinth.shell.internal;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Job;

/**
 * Who runs the current command, for its history entry: what its Gogo session names in {@code plinth.origin}
 * ({@code cli} for what {@code bin/plinth} runs through the runtime's socket), else {@code shell}.
 */
final class Origins {

    /** The session variable the launcher sets on the sessions it opens for {@code bin/plinth}. */
    static final String VARIABLE = "plinth.origin";
    static final String SHELL = "shell";

    private Origins() {
    }

    /** The origin of the command running on this thread. */
    static String current() {
        Job job = Job.Utils.current();
        return of(job == null ? null : job.session());
    }

    /** The origin {@code session} names, or {@code shell}. */
    static String of(CommandSession session) {
        Object origin = session == null ? null : session.get(VARIABLE);
        return origin instanceof String name && name.matches("[a-z]{1,16}") ? name : SHELL;
    }
}
