package dev.plinth.sample.greeter.en;

import org.osgi.service.component.annotations.Component;

import dev.plinth.sample.greeting.Greetings;

/** The console command {@code english:greet [name]}: greets in English through the greeting library. */
@Component(service = EnglishGreetCommand.class, property = { "osgi.command.scope=english", "osgi.command.function=greet" })
public final class EnglishGreetCommand {

    /** {@code english:greet}: greets the world. */
    public String greet() {
        return greet("world");
    }

    /** {@code english:greet NAME}: greets {@code name}. */
    public String greet(String name) {
        return Greetings.greet("en", name);
    }
}
