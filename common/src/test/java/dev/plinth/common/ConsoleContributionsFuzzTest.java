package dev.plinth.common;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plinth.common.testing.FuzzChecks;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the {@code Plinth-Console} header ({@link ConsoleContributions}), which a plugin archive brings and the
 * manager reads before installing it: any text is, in time, either at most one contribution per slot whose entry is a
 * script under {@code console/} (no {@code ..}, no empty segment, nothing but the entry's characters) and whose title
 * is short and printable, or refused with an {@link IllegalArgumentException} whose message is short and free of
 * control characters. Seeds: {@code ConsoleContributionsFuzzTestInputs/header} (the header's text).
 */
class ConsoleContributionsFuzzTest {

    @DictionaryEntries({"page", "panel", "settings", ";entry=", ";title=", "console/", ".js", ".mjs", "\"", ",",
        "..", "/", ":="})
    @FuzzTest(maxDuration = "3m")
    void header(byte[] bytes) throws Exception {
        String header = new String(bytes, StandardCharsets.UTF_8);
        List<ConsoleContributions.Contribution> contributions;
        try {
            contributions = FuzzChecks.timed("parsing " + header.length() + " characters",
                    () -> ConsoleContributions.parse(header));
        } catch (IllegalArgumentException refused) {
            String message = refused.getMessage();
            assertNotNull(message);
            assertTrue(!message.isBlank() && message.length() <= 400, message);
            assertTrue(message.chars().noneMatch(Character::isISOControl), message);
            return;
        } catch (RuntimeException | Error e) {
            throw FuzzChecks.unexpected("parsing a Plinth-Console header", e);
        }
        assertFalse(contributions.isEmpty(), "a header accepted with no slot");
        Set<String> slots = new HashSet<>();
        for (ConsoleContributions.Contribution contribution : contributions) {
            assertTrue(ConsoleContributions.SLOTS.contains(contribution.slot()), contribution.slot());
            assertTrue(slots.add(contribution.slot()), "slot twice: " + contribution.slot());
            String entry = contribution.entry();
            assertTrue(entry.startsWith("console/") && (entry.endsWith(".js") || entry.endsWith(".mjs")), entry);
            assertFalse(entry.contains("..") || entry.contains("//") || entry.contains("/."), entry);
            assertTrue(entry.matches("[A-Za-z0-9._/-]+"), entry);
            String title = contribution.title();
            if (title != null) {
                assertTrue(!title.isBlank() && title.codePointCount(0, title.length()) <= 40, title);
                assertTrue(title.chars().noneMatch(Character::isISOControl), title);
                assertFalse(title.contains("\""), title);
            }
        }
    }
}
