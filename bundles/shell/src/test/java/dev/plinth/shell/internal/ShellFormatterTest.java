package dev.plinth.shell.internal;

import static dev.plinth.shell.internal.Fixtures.greeter;
import static dev.plinth.shell.internal.Fixtures.plugin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.apache.felix.service.command.Converter;
import org.junit.jupiter.api.Test;

import dev.plinth.api.Diagnosis;
import dev.plinth.api.Operation;
import dev.plinth.api.Operation.Outcome;
import dev.plinth.api.Plan;
import dev.plinth.api.Plan.Action;
import dev.plinth.api.Plan.Step;
import dev.plinth.api.PluginDetails;
import dev.plinth.api.PluginKind;
import dev.plinth.api.PluginState;
import dev.plinth.api.Verb;

class ShellFormatterTest {

    private final ShellFormatter formatter = new ShellFormatter(ZoneOffset.ofHours(1));

    private String format(Object result) {
        CharSequence text = formatter.format(result, Converter.INSPECT, null);
        return text == null ? null : text.toString();
    }

    @Test
    void listsPluginsAsAPaddedTable() {
        PluginList list = PluginList.of(false, List.of(
                plugin("greeter-fr", "1.0.0", PluginKind.PLUGIN, PluginState.INSTALLED, "French Greeter"),
                plugin("greeter-en", "1.2.0", PluginKind.PLUGIN, PluginState.ENABLED, "English Greeter")));
        assertEquals("ID          VERSION  STATE      KIND    NAME\n"
                + "greeter-en  1.2.0    enabled    plugin  English Greeter\n"
                + "greeter-fr  1.0.0    installed  plugin  French Greeter", format(list));
    }

    @Test
    void aMisconfiguredPluginSaysSoInItsState() {
        PluginList list = PluginList.of(false, List.of(
                plugin("greeter-fr", "1.0.0", PluginKind.PLUGIN, PluginState.INSTALLED, "French Greeter"),
                plugin("greeter-en", "1.2.0", PluginKind.PLUGIN, PluginState.ENABLED, "English Greeter")))
                .withMisconfigured(java.util.Set.of("greeter-en"));
        assertEquals("ID          VERSION  STATE                    KIND    NAME\n"
                + "greeter-en  1.2.0    enabled (misconfigured)  plugin  English Greeter\n"
                + "greeter-fr  1.0.0    installed                plugin  French Greeter", format(list));
    }

    @Test
    void listAllShowsPluginsThenLibrariesThenSystemBundles() {
        PluginList list = PluginList.of(true,
                List.of(plugin("greeter", "1.0.0", PluginKind.PLUGIN, PluginState.ENABLED, "Greeter")),
                List.of(plugin("greeting", "1.0.0", PluginKind.LIBRARY, PluginState.ENABLED, "Greeting API")),
                List.of(plugin("org.apache.felix.scr", "2.2.14", PluginKind.SYSTEM, PluginState.ENABLED, "SCR"),
                        plugin("com.example.other", "3.0.0", PluginKind.UNMANAGED, PluginState.INSTALLED, "Other"),
                        plugin("dev.plinth.api", "0.1.0", PluginKind.SYSTEM, PluginState.ENABLED, "Plinth API")));
        assertEquals("ID                    VERSION  STATE      KIND       NAME\n"
                + "greeter               1.0.0    enabled    plugin     Greeter\n"
                + "greeting              1.0.0    enabled    library    Greeting API\n"
                + "com.example.other     3.0.0    installed  unmanaged  Other\n"
                + "dev.plinth.api        0.1.0    enabled    system     Plinth API\n"
                + "org.apache.felix.scr  2.2.14   enabled    system     SCR", format(list));
    }

    @Test
    void anUnmanagedBundleSaysWhichBundleInstalledIt() {
        PluginList list = PluginList.of(true,
                List.of(Fixtures.installedBy("org.example.payload", "com.example.dropper")));
        assertEquals("ID                   VERSION  STATE      KIND       NAME\n"
                + "org.example.payload  1.0.0    installed  unmanaged  Payload (installed by com.example.dropper)",
                format(list));
    }

    @Test
    void aFragmentIsListedAsAFragmentOfItsHost() {
        PluginList list = PluginList.of(false, List.of(Fixtures.fragment("org.example.extras", "org.example.host")));
        assertEquals("ID                  VERSION  STATE    KIND    NAME\n"
                + "org.example.extras  1.0.0    enabled  plugin  Extras (fragment of org.example.host)", format(list));
    }

    @Test
    void anEmptyListSaysHowToInstall() {
        assertEquals("No plugins installed. Install one with: plugin:install <file>",
                format(PluginList.of(false, List.of())));
    }

    @Test
    void aSimulatedPlanSaysNothingChanged() {
        Plan plan = new Plan(Verb.INSTALL, "greeter-en", List.of(
                new Step(Action.ADD_LIBRARY, "greeting", "1.0.0", "needed by greeter-en"),
                new Step(Action.INSTALL, "greeter-en", "1.2.0", ""),
                new Step(Action.START, "greeter-en", "1.2.0", "")), List.of(), true);
        assertEquals("Plan for install greeter-en (simulated, nothing changed):\n"
                + "  1. add-library greeting 1.0.0  needed by greeter-en\n"
                + "  2. install     greeter-en 1.2.0\n"
                + "  3. start       greeter-en 1.2.0\n"
                + "Refresh: none", format(plan));
    }

    @Test
    void anExecutedPlanSaysDoneAndListsTheRefresh() {
        Plan plan = new Plan(Verb.UPGRADE, "greeting", List.of(
                new Step(Action.STOP, "greeter-en", "1.2.0", "depends on greeting"),
                new Step(Action.UPDATE, "greeting", "2.0.0", ""),
                new Step(Action.START, "greeter-en", "1.2.0", "was enabled")),
                List.of("greeting 2.0.0", "greeter-en 1.2.0"), false);
        assertEquals("Upgrade greeting: done.\n"
                + "  1. stop   greeter-en 1.2.0  depends on greeting\n"
                + "  2. update greeting 2.0.0\n"
                + "  3. start  greeter-en 1.2.0  was enabled\n"
                + "Refresh: greeting 2.0.0, greeter-en 1.2.0", format(plan));
    }

    @Test
    void stepNumbersAlignBeyondNine() {
        List<Step> steps = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            steps.add(new Step(Action.STOP, "p" + i, "1.0.0", ""));
        }
        String text = format(new Plan(Verb.DISABLE, "p0", steps, List.of(), false));
        assertEquals("   1. stop p0 1.0.0", text.lines().skip(1).findFirst().orElseThrow());
        assertEquals("  10. stop p9 1.0.0", text.lines().skip(10).findFirst().orElseThrow());
    }

    @Test
    void anEmptyPlanSaysThereIsNothingToDo() {
        assertEquals("Nothing to do for greeter-en.",
                format(new Plan(Verb.ENABLE, "greeter-en", List.of(), List.of(), false)));
        assertEquals("Nothing to do for greeter-en (simulated, nothing changed).",
                format(new Plan(Verb.ENABLE, "greeter-en", List.of(), List.of(), true)));
    }

    @Test
    void historyIsATableInLocalTime() {
        History history = new History(List.of(
                new Operation(1, Instant.parse("2026-11-23T09:00:05.123Z"), Verb.INSTALL, "greeter-en", null,
                        "1.2.0", Outcome.SUCCEEDED, "installed", "shell:ada"),
                new Operation(2, Instant.parse("2026-11-23T09:01:00Z"), Verb.ROLLBACK, "greeter-en", "1.2.0",
                        null, Outcome.FAILED, "no previous version", "deploy")));
        assertEquals("#  TIME                 VERB      PLUGIN      FROM   TO     OUTCOME    WHO        MESSAGE\n"
                + "1  2026-11-23T10:00:05  install   greeter-en  -      1.2.0  succeeded  shell:ada  installed\n"
                + "2  2026-11-23T10:01:00  rollback  greeter-en  1.2.0  -      failed     deploy     no previous version",
                format(history));
    }

    @Test
    void anEventIsOneLineWithTheOutcomeAndWhoAsked() {
        assertEquals("disable greeter-en 1.2.0: done, installed [rest]", formatter.event(new PluginEvent("disable",
                "greeter-en", "1.2.0", null, "installed", List.of("greeter-en"), true, null, null, "rest")));
        assertEquals("enable greeter-en 1.2.0: failed (NOT_RESOLVED) misses greeting [shell]", formatter.event(
                new PluginEvent("enable", "greeter-en", "1.2.0", null, null, List.of(), false, "NOT_RESOLVED",
                        "misses greeting", "shell")));
    }

    @Test
    void anEmptyHistorySaysSo() {
        assertEquals("No operations yet.", format(new History(List.of())));
    }

    @Test
    void diagnosisListsEachProblem() {
        assertEquals("greeter-en 1.2.0 is resolved.",
                format(new Diagnosis("greeter-en", "1.2.0", true, List.of())));
        assertEquals("greeter-en 1.2.0 cannot be resolved:\n"
                + "  - it needs package dev.plinth.greeting [1.0,2), which no plugin or library provides\n"
                + "  - it needs Java 21",
                format(new Diagnosis("greeter-en", "1.2.0", false, List.of(
                        "it needs package dev.plinth.greeting [1.0,2), which no plugin or library provides",
                        "it needs Java 21"))));
    }

    @Test
    void detailsShowFieldsWiringAndComponents() {
        PluginDetails details = new PluginDetails(greeter(), true,
                List.of(new PluginDetails.Wire("osgi.extender", "osgi.component 1.5.0", "org.apache.felix.scr",
                        "2.2.14"),
                        new PluginDetails.Wire("osgi.wiring.package", "dev.plinth.greeting 1.0.0", "greeting",
                                "1.0.0")),
                List.of(new PluginDetails.Component("dev.plinth.greeter.Greeter", "active", null, List.of()),
                        new PluginDetails.Component("dev.plinth.greeter.Loud", "unsatisfied reference", null,
                                List.of(new PluginDetails.UnsatisfiedReference("volume", "dev.plinth.Volume",
                                        "(level=high)")))));
        assertEquals("ID:                greeter-en\n"
                + "Version:           1.2.0\n"
                + "Name:              English Greeter\n"
                + "Description:       Says hello\n"
                + "Vendor:            Plinth\n"
                + "Kind:              plugin\n"
                + "State:             enabled\n"
                + "Bundle ID:         42\n"
                + "SHA-256:           ab12\n"
                + "Source:            file:/tmp/greeter-en-1.2.0.jar\n"
                + "Installed at:      2026-11-23T11:54:03\n"
                + "Previous version:  1.1.0 (plugin:rollback greeter-en returns to it)\n"
                + "Last error:        -\n"
                + "Requires:          greeting\n"
                + "Required by:       none\n"
                + "Wiring:\n"
                + "  osgi.extender osgi.component 1.5.0  from org.apache.felix.scr 2.2.14\n"
                + "  package dev.plinth.greeting 1.0.0   from greeting 1.0.0\n"
                + "Components:\n"
                + "  dev.plinth.greeter.Greeter  active\n"
                + "  dev.plinth.greeter.Loud     unsatisfied reference\n"
                + "    missing reference volume: dev.plinth.Volume (target (level=high))", format(details));
    }

    @Test
    void detailsOfAnUnresolvedBundlePointToWhy() {
        String text = format(new PluginDetails(plugin("broken", "1.0.0", PluginKind.PLUGIN, PluginState.INSTALLED,
                "Broken"), false, List.of(), List.of()));
        assertEquals("Wiring: not resolved (plugin:why broken explains)\nComponents: none",
                text.substring(text.indexOf("Wiring:")));
    }

    @Test
    void detailsEndWithTheRefusedWebRoutes() {
        String text = format(new PluginDetails(plugin("squatter", "1.0.0", PluginKind.PLUGIN, PluginState.ENABLED,
                "Squatter"), false, List.of(), List.of()).withRefusedRoutes(List.of(
                        "Servlet 'a' (service 7): /api/plugins is outside the plugin's namespace /api/plugin/squatter/",
                        "Preprocessor (service 8): plugins may not register a Preprocessor")));
        assertEquals("Components: none\n"
                + "Refused web routes:\n"
                + "  Servlet 'a' (service 7): /api/plugins is outside the plugin's namespace /api/plugin/squatter/\n"
                + "  Preprocessor (service 8): plugins may not register a Preprocessor",
                text.substring(text.indexOf("Components:")));
    }

    @Test
    void detailsOfAMisconfiguredPluginSayWhyAfterTheRest() {
        String text = format(new PluginDetails(plugin("mailer", "2.0.0", PluginKind.PLUGIN, PluginState.ENABLED,
                "Mailer"), false, List.of(), List.of()).withSettingsProblems(List.of(
                        "mailer.relay port: 25 is below the minimum 1024")));
        assertEquals("Components: none\n"
                + "Misconfigured (runs on its last good settings; plugin:settings mailer shows them):\n"
                + "  mailer.relay port: 25 is below the minimum 1024",
                text.substring(text.indexOf("Components:")));
    }

    @Test
    void jsonTextIsPrintedAsItIs() {
        assertEquals("[]", format(new JsonText("[]")));
    }

    @Test
    void unknownTypesAreLeftToGogo() throws Exception {
        assertNull(formatter.format("text", Converter.INSPECT, null));
        assertNull(formatter.format(42, Converter.LINE, null));
        assertNull(formatter.convert(Plan.class, "x"));
    }
}
