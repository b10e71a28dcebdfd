package dev.plinth.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.Map;

import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.Test;

class OriginsTest {

    @Test
    void aSessionOfTheSocketSaysCliAndAnyOtherSaysShellWithTheUser() {
        String user = System.getProperty("user.name");
        assertEquals("cli:" + user, Origins.of(session(Map.of("plinth.origin", "cli"))));
        assertEquals("shell:" + user, Origins.of(session(Map.of())));
        assertEquals("shell:" + user, Origins.of(null));
        assertEquals("shell:" + user, Origins.of(session(Map.of("plinth.origin", "no such origin; with words"))));
        assertEquals("shell:" + user, Origins.current(), "no command runs on this thread");
    }

    @Test
    void theUserIsKeptToPrintableCharactersAndLeftOutWhenUnknown() {
        assertEquals("shell:ada", Origins.withUser("shell", "ada"));
        assertEquals("shell:a_b_c", Origins.withUser("shell", "a b\nc"));
        assertEquals("shell", Origins.withUser("shell", null));
        assertEquals("shell", Origins.withUser("shell", " "));
    }

    private static CommandSession session(Map<String, Object> variables) {
        return (CommandSession) Proxy.newProxyInstance(OriginsTest.class.getClassLoader(),
                new Class<?>[] {CommandSession.class}, (proxy, method, args) -> method.getName().equals("get")
                        ? variables.get((String) args[0]) : null);
    }
}
