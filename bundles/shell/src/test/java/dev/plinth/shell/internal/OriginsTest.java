package dev.plinth.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.Map;

import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.Test;

class OriginsTest {

    @Test
    void aSessionOfTheSocketSaysCliAndAnyOtherSaysShell() {
        assertEquals("cli", Origins.of(session(Map.of("plinth.origin", "cli"))));
        assertEquals("shell", Origins.of(session(Map.of())));
        assertEquals("shell", Origins.of(null));
        assertEquals("shell", Origins.of(session(Map.of("plinth.origin", "no such origin; with words"))));
        assertEquals("shell", Origins.current(), "no command runs on this thread");
    }

    private static CommandSession session(Map<String, Object> variables) {
        return (CommandSession) Proxy.newProxyInstance(OriginsTest.class.getClassLoader(),
                new Class<?>[] {CommandSession.class}, (proxy, method, args) -> method.getName().equals("get")
                        ? variables.get((String) args[0]) : null);
    }
}
