package ${package};

import java.sql.SQLException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The shell commands {@code ${commandScope}:hello [name]} and {@code ${commandScope}:greeted}: try them with
 * {@code target/plinth/bin/plinth exec '${commandScope}:hello Ada'} while {@code mvn plinth:run} runs.
 */
@Component(service = HelloCommand.class, property = {
    "osgi.command.scope=${commandScope}",
    "osgi.command.function=hello",
    "osgi.command.function=greeted"})
public final class HelloCommand {

    private final Greeter greeter;
    private final Greetings greetings;

    @Activate
    public HelloCommand(@Reference Greeter greeter, @Reference Greetings greetings) {
        this.greeter = greeter;
        this.greetings = greetings;
    }

    /** {@code ${commandScope}:hello}: greets the world. */
    public String hello() throws SQLException {
        return hello("world");
    }

    /** {@code ${commandScope}:hello NAME}: greets {@code name}, and records it. */
    public String hello(String name) throws SQLException {
        greetings.record(name);
        return greeter.greet(name);
    }

    /** {@code ${commandScope}:greeted}: how many greetings were made. */
    public int greeted() throws SQLException {
        return greetings.count();
    }
}
