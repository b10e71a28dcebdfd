package dev.plinth.sample.greeter.fr;

import org.osgi.service.component.annotations.Component;

import dev.plinth.sample.greeting.Greetings;

/** The console command {@code french:greet [name]}: greets in French through the greeting library. */
@Component(service = FrenchGreetCommand.class, property = { "osgi.command.scope=french", "osgi.command.function=greet" })
public final class FrenchGreetCommand {

    /** {@code french:greet}: greets the world. */
    public String greet() {
        return greet("world");
    }

    /** {@code french:greet NAME}: greets {@code name}. */
    public String greet(String name) {
        return Greetings.greet("fr", name);
    }
}
