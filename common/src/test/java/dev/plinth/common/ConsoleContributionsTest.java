package dev.plinth.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.plinth.common.ConsoleContributions.Contribution;

class ConsoleContributionsTest {

    @Test
    void theContractsExampleGivesThreeSlotsInOrder() {
        List<Contribution> slots = ConsoleContributions.parse("settings;entry=console/settings.js, "
                + "page;entry=console/page.js;title=\"Greetings\",\n panel;entry=console/lib/panel.mjs;title=Greeting");
        assertEquals(List.of(new Contribution("page", "console/page.js", "Greetings"),
                new Contribution("panel", "console/lib/panel.mjs", "Greeting"),
                new Contribution("settings", "console/settings.js", null)), slots);
    }

    @Test
    void noHeaderDeclaresNothing() {
        assertEquals(List.of(), ConsoleContributions.parse(null));
    }

    @Test
    void aQuotedTitleMayHoldCommasAndSemicolons() {
        assertEquals("Notes; drafts, todo", ConsoleContributions.parse("page;title=\"Notes; drafts, todo\";"
                + "entry=console/p.js").get(0).title());
        assertEquals("Grüße 🎉", ConsoleContributions.parse("page;entry=console/p.js;title=\"Grüße 🎉\"").get(0)
                .title());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''| names no slot",
        "' , '| names no slot",
        "tab;entry=console/a.js| clause 1 (tab;entry=console/a.js): unknown slot 'tab'",
        "page| clause 1 (page): entry is missing",
        "page;title=x| entry is missing",
        "page;entry=console/a.js;color=red| unknown attribute 'color' of page",
        "settings;entry=console/a.js;title=x| unknown attribute 'title' of settings (entry)",
        "page;entry:=console/a.js| 'entry:' is not an attribute",
        "page;entry=console/a.js;entry=console/b.js| the attribute entry is given twice",
        "page;entry=console/a.js,page;entry=console/b.js| clause 2 (page;entry=console/b.js): the slot page is already declared",
        "page;entry=console/../a.js| entry must be",
        "page;entry=console/a..js| entry must be",
        "page;entry=a.js| entry must be",
        "page;entry=console/a.html| entry must be",
        "page;entry=console/.hidden.js| entry must be",
        "page;entry=console//a.js| entry must be",
        "page;entry=/console/a.js| entry must be",
        "page;entry=console\\a.js| entry must be",
        "page;entry=console/a%2f.js| entry must be",
        "page;entry=console/| entry must be",
        "page;entry=console/a.js;title=\"\"| title must be 1 to 40 characters",
        "page;entry=console/a.js;title=\"   \"| title must be 1 to 40 characters",
        "page;entry=console/a.js;title=12345678901234567890123456789012345678901| title must be 1 to 40",
        "page;entry=console/a.js;title=\"a\u0007b\"| title holds a control character",
        "page;entry=console/a.js;title=\"a\u202eb\"| title holds a control character",
        "page;entry=console/a.js;title=\"unclosed| a quote is not closed",
        "page;entry=console/a.js;title=a\"b\"c| the value of title has a quote inside it",
    })
    void invalidHeadersAreRefusedSayingWhy(String header, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConsoleContributions.parse(header));
        assertTrue(e.getMessage().contains(message.trim()), e.getMessage());
    }

    @Test
    void aFortyCharacterTitleIsTaken() {
        String title = "x".repeat(40);
        assertEquals(title, ConsoleContributions.parse("panel;entry=console/a.js;title=" + title).get(0).title());
    }

    @Test
    void theMessageQuotesALongClauseShortAndWithoutControlCharacters() {
        String header = "page;entry=console/a.js;nonsense=\n" + "y".repeat(500);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConsoleContributions.parse(header));
        assertTrue(e.getMessage().length() < 200, e.getMessage());
        assertTrue(e.getMessage().chars().noneMatch(Character::isISOControl), e.getMessage());
    }
}
