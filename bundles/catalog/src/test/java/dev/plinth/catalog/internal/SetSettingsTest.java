package dev.plinth.catalog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.plinth.api.Options;
import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.catalog.Change;
import dev.plinth.api.catalog.PluginSet.Member;
import dev.plinth.api.settings.ConfigurationSettings;
import dev.plinth.api.settings.PluginSettings;
import dev.plinth.api.settings.PluginSettingsView;
import dev.plinth.api.settings.Setting;
import dev.plinth.api.settings.Setting.Source;

class SetSettingsTest {

    private static final String PID = "org.example.a.mail";

    private final List<String> calls = new ArrayList<>();

    private static Setting setting(String key, boolean secret, boolean set, Source source, String... value) {
        return new Setting(key, key, null, secret ? "password" : "string", false, false, secret, List.of(),
                List.of(value), set, source, List.of());
    }

    private PluginSettings settings(String file, Setting... settings) {
        PluginSettingsView view = new PluginSettingsView("org.example.a", PluginSettingsView.Status.OK, List.of(),
                List.of(new ConfigurationSettings(PID, null, "Mail", null, file, List.of(settings))));
        return new PluginSettings() {
            @Override
            public PluginSettingsView settings(String pluginId) {
                return view;
            }

            @Override
            public PluginSettingsView set(String pluginId, String pid, Map<String, List<String>> values,
                    String origin) {
                calls.add("set " + pluginId + " " + pid + " " + values + " by " + origin);
                return view;
            }

            @Override
            public PluginSettingsView unset(String pluginId, String pid, Set<String> keys, String origin) {
                calls.add("unset " + pluginId + " " + pid + " " + keys + " by " + origin);
                return view;
            }

            @Override
            public int rotateKey() {
                return 0;
            }

            @Override
            public Map<String, List<String>> problems() {
                return Map.of();
            }

            @Override
            public java.util.Optional<String> secretKeyProblem() {
                return java.util.Optional.empty();
            }
        };
    }

    @Test
    void anExportCarriesWhatOperatorsSetAndNamesTheSecretsWithoutTheirValues() throws PluginException {
        Member member = new SetSettings(settings(null, setting("host", false, true, Source.OPERATOR, "mail.example"),
                setting("port", false, false, Source.DEFAULT, "25"),
                setting("user", false, true, Source.ENVIRONMENT, "$[env:MAIL_USER]"),
                setting("password", true, true, Source.OPERATOR))).export("org.example.a", "1.0.0", true, false);

        assertEquals(Map.of(PID, Map.of("host", List.of("mail.example"), "user", List.of("$[env:MAIL_USER]"))),
                member.settings());
        assertEquals(List.of(PID + "/password"), member.secrets());
    }

    @Test
    void aFilesValuesAreNotExported() throws PluginException {
        Member member = new SetSettings(settings("etc/" + PID + ".cfg.json",
                setting("host", false, true, Source.FILE, "mail.example"))).export("org.example.a", "1.0.0", true,
                        false);

        assertEquals(Map.of(), member.settings());
    }

    @Test
    void applyingSetsWhatDiffersUnsetsWhatTheSetLeavesOutAndNamesAMissingSecret() throws PluginException {
        SetSettings sets = new SetSettings(settings(null, setting("host", false, true, Source.OPERATOR, "old"),
                setting("port", false, true, Source.OPERATOR, "25"), setting("to", false, true, Source.OPERATOR, "x"),
                setting("password", true, false, Source.DEFAULT)));
        Member wanted = new Member("org.example.a", "1.0.0", true, false,
                Map.of(PID, Map.of("host", List.of("new"), "port", List.of("25"))), List.of(PID + "/password"));

        List<Change> changes = sets.changes(wanted, true);
        for (Change change : changes) {
            sets.apply(change, Options.DEFAULT.withOrigin("apply"));
        }

        assertEquals(List.of(Change.Action.SETTINGS, Change.Action.SECRET),
                changes.stream().map(Change::action).toList());
        assertEquals(PID + ": set host; unset to", changes.get(0).detail());
        assertTrue(changes.get(1).detail().startsWith(PID + "/password is not set here"), changes.get(1).detail());
        assertEquals(List.of("set org.example.a " + PID + " {host=[new]} by apply",
                "unset org.example.a " + PID + " [to] by apply"), calls);
    }

    @Test
    void aSetThatChangesAFilesValueIsRefusedAndOneThatAgreesChangesNothing() throws PluginException {
        SetSettings sets = new SetSettings(settings("etc/" + PID + ".cfg.json",
                setting("host", false, true, Source.FILE, "mail.example")));

        PluginException e = assertThrows(PluginException.class, () -> sets.changes(new Member("org.example.a",
                "1.0.0", true, false, Map.of(PID, Map.of("host", List.of("other"))), List.of()), true));
        assertEquals(Code.SETTINGS_LOCKED, e.code());
        assertTrue(e.getMessage().contains("etc/" + PID + ".cfg.json"), e.getMessage());
        assertEquals(List.of(), sets.changes(new Member("org.example.a", "1.0.0", true, false,
                Map.of(PID, Map.of("host", List.of("mail.example"))), List.of()), true));
    }

    @Test
    void withoutTheSettingsServiceASetWithSettingsIsRefusedAndAnExportHasNone() throws PluginException {
        SetSettings sets = new SetSettings(null);

        assertEquals(Map.of(), sets.export("org.example.a", "1.0.0", true, false).settings());
        assertEquals(Code.INVALID_INPUT, assertThrows(PluginException.class, () -> sets.changes(new Member(
                "org.example.a", "1.0.0", true, false, Map.of(PID, Map.of("host", List.of("x"))), List.of()), false))
                .code());
    }
}
