package dev.plinth.shell.internal;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Job;

/**
 * Who runs the current command, for its history entry: {@code channel:user}, the channel what its Gogo session names
 * in {@code plinth.origin} ({@code cli} for what {@code bin/plinth} runs through the runtime's socket), else
 * {@code shell}, and the user the operating-system user of the runtime (System property {@code user.name}):
 * {@code shell:ada}.
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

    /** The origin of a command of {@code session}: its channel ({@code shell} unless the session names one) and user. */
    static String of(CommandSession session) {
        Object origin = session == null ? null : session.get(VARIABLE);
        String channel = origin instanceof String name && name.matches("[a-z]{1,16}") ? name : SHELL;
        return withUser(channel, System.getProperty("user.name"));
    }

    /** {@code channel:user}, or the channel alone when the user is unknown; a user is kept to printable characters. */
    static String withUser(String channel, String user) {
        String who = user == null ? "" : user.strip().replaceAll("[^\\p{Alnum}._@-]", "_");
        return who.isEmpty() ? channel : channel + ":" + (who.length() > 64 ? who.substring(0, 64) : who);
    }
}
