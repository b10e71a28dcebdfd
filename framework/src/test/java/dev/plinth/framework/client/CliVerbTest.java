package dev.plinth.framework.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class CliVerbTest {

    private static String program(String... words) {
        return CliVerb.program(List.of(words));
    }

    private static String refusal(String... words) {
        return assertThrows(IllegalArgumentException.class, () -> program(words)).getMessage();
    }

    @Test
    void theVerbsAreTheShellCommandsOfTheSameJob() {
        assertEquals("plugin:list --all --json", program("plugins", "--all", "--json"));
        assertEquals("plugin:install --enable --simulate samples/a.jar", program("install", "--enable", "--dry-run",
                "samples/a.jar"));
        assertEquals("plugin:install org.example.a@1.0", program("install", "org.example.a@1.0"));
        assertEquals("plugin:disable --cascade --simulate a", program("disable", "--cascade", "-s", "a"));
        assertEquals("plugin:upgrade a /tmp/a-2.jar", program("upgrade", "a", "/tmp/a-2.jar"));
        assertEquals("plugin:history -n 5 --json", program("history", "-n", "5", "--json"));
        assertEquals("plugin:events", program("events"));
        assertEquals("plugin:available --json hello world", program("available", "--json", "hello", "world"));
        assertEquals("plugin:update --all", program("update", "--all"));
        assertEquals("plugin:export", program("export"));
        assertEquals("plugin:info --json a", program("info", "--json", "a"));
        assertEquals("plugin:deploy-status", program("deploy-status"));
    }

    @Test
    void settingsVerbsAndFlagsAreTheShellCommandsOfTheSameJob() {
        assertEquals("plugin:settings --json a", program("settings", "--json", "a"));
        assertEquals("plugin:set a a.Pid 'greeting=Hi there' 'url=$[env:URL]' tags=x,y",
                program("set", "a", "a.Pid", "greeting=Hi there", "url=$[env:URL]", "tags=x,y"));
        assertEquals("plugin:unset a 'a.Factory~eu'", program("unset", "a", "a.Factory~eu"));
        assertEquals("plugin:unset a greeting tags", program("unset", "a", "greeting", "tags"));
        assertEquals("settings:rotate-key", program("rotate-key"));
        assertEquals("plugin:upgrade --force --simulate a /tmp/a-2.jar", program("upgrade", "--force", "--dry-run",
                "a", "/tmp/a-2.jar"));
        assertEquals("plugin:remove --keep-data --cascade a b", program("remove", "--keep-data", "--cascade", "a",
                "b"));
        assertEquals("set takes a plugin id, a PID if it has several, and KEY=VALUE...", refusal("set", "a"));
        assertEquals("unset takes a plugin id, then a PID or keys", refusal("unset", "a"));
        assertEquals("settings takes a plugin id", refusal("settings"));
        assertEquals("rotate-key takes no arguments", refusal("rotate-key", "now"));
        assertEquals("remove has no option --force", refusal("remove", "--force", "a"));
        assertEquals("upgrade has no option --keep-data", refusal("upgrade", "--keep-data", "a", "b.jar"));
        assertEquals("set has no option --json", refusal("set", "--json", "a", "k=v"));
    }

    @Test
    void storageAndPurgeAreTheShellCommandsOfTheSameJob() {
        assertEquals("plugin:storage", program("storage"));
        assertEquals("plugin:storage --json dev.plinth.sample.storage", program("storage", "--json",
                "dev.plinth.sample.storage"));
        assertEquals("plugin:remove --purge a", program("remove", "--purge", "a"));
        assertEquals("plugin:remove --purge --simulate a b",
                program("remove", "--purge", "--dry-run", "a", "b"));
        assertEquals("storage takes at most a plugin id", refusal("storage", "a", "b"));
        assertEquals("storage has no option --purge", refusal("storage", "--purge", "a"));
        assertEquals("disable has no option --purge", refusal("disable", "--purge", "a"));
        assertEquals("remove takes a plugin id", refusal("remove", "--purge"));
    }

    @Test
    void anEmptyOrBlankWordIsRefused() {
        assertEquals("an empty word is not a plugin id, a file nor a value", refusal("why", ""));
        assertEquals("an empty word is not a plugin id, a file nor a value", refusal("install", " "));
    }

    @Test
    void wordsGogoWouldInterpretAreQuoted() {
        assertEquals("plugin:install '/tmp/my plugins/a$b;lb.jar'", program("install", "/tmp/my plugins/a$b;lb.jar"));
        assertEquals("cannot pass a word holding a single quote or a control character: argument 1",
                refusal("install", "it's.jar"));
    }

    @Test
    void aWordThatCannotBePassedIsNamedByItsPositionAndKeyNeverEchoed() {
        String refusal = refusal("set", "a", "pid", ".password=QUOTE'SECRET99");
        assertEquals("cannot pass a word holding a single quote or a control character: argument 3 (the value of "
                + ".password)", refusal);
        assertFalse(refusal.contains("SECRET99"));
        assertFalse(refusal("set", "a", "pid", "pa'ss=SECRET99").contains("SECRET99"));
        assertFalse(refusal("set", "a", "pid", "pass=SEC\nRET99").contains("RET99"));
    }

    @Test
    void wrongWordsAreRefusedSayingWhatIsWrong() {
        assertEquals("unknown command frobnicate", refusal("frobnicate"));
        assertEquals("enable takes a plugin id", refusal("enable"));
        assertEquals("enable has no option --cascade", refusal("enable", "--cascade", "a"));
        assertEquals("upgrade takes a plugin id and a jar", refusal("upgrade", "a"));
        assertEquals("update takes a plugin id, or --all", refusal("update", "--all", "a"));
        assertEquals("-n needs a number from 1 to 1000, not 0", refusal("history", "-n", "0"));
        assertEquals("plugins takes no arguments", refusal("plugins", "x"));
    }

    @Test
    void fleetVerbsAreTheFleetShellCommandsOfTheSameJob() {
        assertEquals("fleet:status", program("fleet", "status"));
        assertEquals("fleet:nodes --json", program("fleet", "nodes", "--json"));
        assertEquals("fleet:history -n 5 --json", program("fleet", "history", "-n", "5", "--json"));
        assertEquals("fleet:publish --simulate plugins.json", program("fleet", "publish", "--dry-run",
                "plugins.json"));
        assertEquals("fleet:publish --canaries '20%' --canary-seconds 60 --auto-rollback --base 7 "
                + "'/tmp/my sets/plugins.json'", program("fleet", "publish", "--canaries", "20%",
                        "--canary-seconds", "60", "--auto-rollback", "--base", "7", "/tmp/my sets/plugins.json"));
        assertEquals("fleet:publish --canaries 0 plugins.json", program("fleet", "publish", "--canaries", "0",
                "plugins.json"));
        assertEquals("fleet:rollback --simulate", program("fleet", "rollback", "-s"));
        assertEquals("fleet:rollback --simulate --base 8", program("fleet", "rollback", "--dry-run", "--base", "8"));
        assertEquals("fleet:show 8", program("fleet", "show", "8"));
        assertEquals("fleet:forget node-c", program("fleet", "forget", "node-c"));
        assertEquals("fleet:show --json 8", program("fleet", "show", "--json", "8"));
    }

    @Test
    void wrongFleetWordsAreUsageErrorsSayingWhatIsWrong() {
        assertEquals("fleet takes one of status, nodes, history, publish, rollback, show, forget", refusal("fleet"));
        assertEquals("unknown command fleet deploy; fleet takes one of status, nodes, history, publish, rollback, "
                + "show, forget", refusal("fleet", "deploy"));
        assertEquals("fleet forget takes a node name", refusal("fleet", "forget"));
        assertEquals("fleet status takes no arguments", refusal("fleet", "status", "node-a"));
        assertEquals("fleet status has no option --dry-run", refusal("fleet", "status", "--dry-run"));
        assertEquals("fleet rollback has no option --json", refusal("fleet", "rollback", "--json"));
        assertEquals("fleet publish takes a plugin set file", refusal("fleet", "publish", "--dry-run"));
        assertEquals("fleet publish takes a plugin set file", refusal("fleet", "publish", "a.json", "b.json"));
        assertEquals("--canaries needs a count (2), a share of the nodes (20%) or 0, not half",
                refusal("fleet", "publish", "--canaries", "half", "a.json"));
        assertEquals("--canaries needs a value", refusal("fleet", "publish", "--canaries"));
        assertEquals("--canary-seconds needs a number from 1 on, not 0",
                refusal("fleet", "publish", "--canary-seconds", "0", "a.json"));
        assertEquals("--base needs a number from 0 on, not -1", refusal("fleet", "publish", "--base", "-1",
                "a.json"));
        assertEquals("-n needs a number from 1 to 1000, not 0", refusal("fleet", "history", "-n", "0"));
        assertEquals("fleet show takes a generation number", refusal("fleet", "show", "latest"));
        assertEquals("fleet show takes a generation number", refusal("fleet", "show"));
        assertEquals("fleet history has no option --canaries", refusal("fleet", "history", "--canaries", "2"));
    }

    @Test
    void theUsageNamesTheFleetVerbs() {
        assertTrue(CliVerb.USAGE.contains("  fleet publish [--dry-run] [--canaries N|N%]"), CliVerb.USAGE);
        assertTrue(CliVerb.USAGE.contains("  fleet show [--json] N"), CliVerb.USAGE);
    }
}
