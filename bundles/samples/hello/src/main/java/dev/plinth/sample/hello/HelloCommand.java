package dev.plinth.sample.hello;

import org.osgi.service.component.annotations.Component;

/** The console command {@code sample:hello [name]}: says hello, to the name if one is given. */
@Component(service = HelloCommand.class, property = { "osgi.command.scope=sample", "osgi.command.function=hello" })
public final class HelloCommand {

    /** {@code sample:hello}: the runtime says hello. */
    public String hello() {
        return "Hello from Plinth!";
    }

    /** {@code sample:hello NAME}: says hello to {@code name}. */
    public String hello(String name) {
        return "Hello, " + name + "!";
    }
}
