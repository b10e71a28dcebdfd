package dev.plinth.framework.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class StatementsTest {

    @Test
    void semicolonsAndLineBreaksSeparateStatements() {
        assertEquals(List.of("plugin:list", "echo second", "plugin:history -n 1"),
                Statements.split("plugin:list; echo second;plugin:history -n 1"));
        assertEquals(List.of("lb", "plugin:list"), Statements.split("lb\nplugin:list\r\n"));
    }

    @Test
    void blankStatementsAreLeftOut() {
        assertEquals(List.of("lb"), Statements.split(" ; lb ;; \n "));
        assertEquals(List.of(), Statements.split(""));
    }

    @Test
    void quotesClosuresListsAndExecutionsKeepTheirSemicolons() {
        assertEquals(List.of("echo 'a; b'", "echo \"c; d\""), Statements.split("echo 'a; b'; echo \"c; d\""));
        assertEquals(List.of("each [1 2] { echo $it; echo x }", "echo (lb; echo y)"),
                Statements.split("each [1 2] { echo $it; echo x }; echo (lb; echo y)"));
        assertEquals(List.of("m = [a=1;b=2]", "echo $m"), Statements.split("m = [a=1;b=2]; echo $m"));
    }

    @Test
    void anEscapedSemicolonIsKept() {
        assertEquals(List.of("echo a\\; b", "echo c"), Statements.split("echo a\\; b; echo c"));
    }
}
