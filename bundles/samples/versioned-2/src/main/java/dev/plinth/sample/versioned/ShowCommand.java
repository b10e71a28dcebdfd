package dev.plinth.sample.versioned;

import org.osgi.service.component.annotations.Component;

/** The console command {@code versioned:show}: tells which version of this plugin runs, and its answer. */
@Component(service = ShowCommand.class, property = { "osgi.command.scope=versioned", "osgi.command.function=show" })
public final class ShowCommand {

    /** {@code versioned:show}: the version and what it says (louder than in 1.0.0). */
    public String show() {
        return "versioned 2.0.0: HELLO, UPGRADED";
    }
}
