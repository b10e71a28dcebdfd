package dev.plinth.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.junit.jupiter.api.Test;

import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.settings.InvalidSettingsException;
import dev.plinth.api.settings.SettingRefusal;

class SettingsCommandsTest {

    private final FakeSettings settings = new FakeSettings();
    private final SettingsCommands commands = new SettingsCommands(settings);
    private final ShellFormatter formatter = new ShellFormatter();

    @Test
    void settingsAreATablePerConfigurationWithSourcesAndSecretsOnlyAsSetOrUnset() {
        Object answer = commands.settings(false, "demo");
        assertEquals("""
                Settings of demo: misconfigured
                  - demo.Greeter retries: 0 is below the minimum 1; the last good settings are delivered

                demo.Endpoint (Endpoint), a factory: add one with plugin:set demo demo.Endpoint~<name> key=value
                  KEY  TYPE               VALUE  SOURCE   DEFAULT
                  url  string (required)  -      default  -

                demo.Greeter (Greeter)
                  file etc/demo.Greeter.cfg.json (its keys are locked)
                  KEY       TYPE                VALUE  SOURCE         DEFAULT
                  greeting  string              Hi     operator       Hello
                  retries   integer (required)  5      file (locked)  3
                  tags      string[]            a, b   environment    -
                  user      string              ""     default        ""
                  password  password            set    operator       -""",
                formatter.format(answer, Converter.INSPECT, null));
        String json = ((JsonText) commands.settings(true, "demo")).text();
        String changed = formatter.format(commands.set("demo", "password=hunter2"), Converter.INSPECT, null)
                .toString();
        for (String shown : List.of(json, changed)) {
            assertFalse(shown.contains("hunter2") || shown.contains("default-secret"), shown);
        }
        assertTrue(json.contains("\"status\" : \"misconfigured\"") || json.contains("\"status\": \"misconfigured\""),
                json);
        assertTrue(json.contains("\"source\": \"file\"") || json.contains("\"source\" : \"file\""), json);
    }

    @Test
    void setTakesAnOptionalPidThenKeyValuesAndSeveralValuesPerKey() {
        SettingsViews.Changed changed = commands.set("demo", "demo.Greeter", "greeting=Hi there", "tags=a",
                "tags=b", "url=$[env:URL]", "empty=");
        assertEquals("demo.Greeter", settings.pid);
        assertEquals(Map.of("greeting", List.of("Hi there"), "tags", List.of("a", "b"), "url",
                List.of("$[env:URL]"), "empty", List.of("")), settings.values);
        assertEquals(Origins.current(), settings.origin);
        assertTrue(formatter.format(changed, Converter.INSPECT, null).toString()
                .startsWith("Set greeting, tags, url, empty of demo.Greeter.\nSettings of demo: misconfigured"));
        commands.set("demo", "a=b=c");
        assertEquals(null, settings.pid);
        assertEquals(Map.of("a", List.of("b=c")), settings.values);
    }

    @Test
    void aSetWithoutValuesOrWithAWordThatIsNoKeyValueAsksNothing() {
        assertEquals("no key=value given; usage: plugin:set ID [PID] key=value...",
                assertThrows(CommandFailedException.class, () -> commands.set("demo", "demo.Greeter")).getMessage());
        assertEquals("expected key=value, not greeting; usage: plugin:set ID [PID] key=value...",
                assertThrows(CommandFailedException.class, () -> commands.set("demo", "a=b", "greeting"))
                        .getMessage());
        assertEquals("expected key=value, not =x; usage: plugin:set ID [PID] key=value...",
                assertThrows(CommandFailedException.class, () -> commands.set("demo", "a=b", "=x")).getMessage());
        assertEquals(List.of(), settings.calls);
    }

    @Test
    void unsetTellsAPidFromAKeyByThePluginsConfigurations() {
        commands.unset("demo", "demo.Greeter", "greeting", "tags");
        assertEquals("demo.Greeter", settings.pid);
        assertEquals(Set.of("greeting", "tags"), settings.keys);
        commands.unset("demo", "greeting");
        assertEquals(null, settings.pid);
        assertEquals(Set.of("greeting"), settings.keys);
        SettingsViews.Changed all = commands.unset("demo", "demo.Endpoint~eu");
        assertEquals("demo.Endpoint~eu", settings.pid);
        assertEquals(Set.of(), settings.keys);
        assertTrue(formatter.format(all, Converter.INSPECT, null).toString()
                .startsWith("Unset every key of demo.Endpoint~eu.\n"));
        assertEquals("name the keys to unset, or a PID to unset every key of it; usage: plugin:unset ID [PID] key...",
                assertThrows(CommandFailedException.class, () -> commands.unset("demo")).getMessage());
        assertEquals("plugin:unset takes keys, not key=value (a=b); usage: plugin:unset ID [PID] key...",
                assertThrows(CommandFailedException.class, () -> commands.unset("demo", "a=b")).getMessage());
    }

    @Test
    void aRefusalNamesEachKeyAndFailsTheCommand() {
        InvalidSettingsException invalid = new InvalidSettingsException("demo", List.of(
                new SettingRefusal("demo.Greeter", "retries", "not an integer"),
                new SettingRefusal("demo.Greeter", "greeting", "required")));
        settings.refusal = invalid;
        CommandFailedException failure = assertThrows(CommandFailedException.class,
                () -> commands.set("demo", "retries=x", "greeting="));
        assertEquals("invalid settings for demo: demo.Greeter retries: not an integer; demo.Greeter greeting: "
                + "required\n  demo.Greeter retries: not an integer\n  demo.Greeter greeting: required",
                failure.getMessage());
        assertSame(invalid, failure.getCause());
        settings.refusal = new PluginException(Code.SETTINGS_LOCKED,
                "demo.Greeter retries is set in etc/demo.Greeter.cfg.json; change it there");
        assertEquals("demo.Greeter retries is set in etc/demo.Greeter.cfg.json; change it there",
                assertThrows(CommandFailedException.class, () -> commands.set("demo", "retries=4")).getMessage());
        assertEquals("no plugin nope", assertThrows(CommandFailedException.class,
                () -> commands.settings(false, "nope")).getMessage());
    }

    @Test
    void withoutTheSettingsBundleEveryCommandSaysSo() {
        SettingsCommands none = new SettingsCommands(null);
        String message = "settings are not available (the bundle dev.plinth.settings is not running)";
        assertEquals(message, assertThrows(CommandFailedException.class, () -> none.settings(false, "demo"))
                .getMessage());
        assertEquals(message, assertThrows(CommandFailedException.class, () -> none.set("demo", "a=b")).getMessage());
        assertEquals(message, assertThrows(CommandFailedException.class, () -> none.unset("demo", "a")).getMessage());
        assertEquals(message, assertThrows(CommandFailedException.class,
                () -> new RotateKeyCommand(null).execute(null, List.of())).getMessage());
    }

    @Test
    void rotateKeySaysHowManySecretsWereReEncrypted() {
        Object answer = new RotateKeyCommand(settings).execute(null, List.of());
        assertEquals("Rotated the secret key: 3 stored secrets re-encrypted with the new key.",
                formatter.format(answer, Converter.INSPECT, null));
        assertEquals("unknown argument now; usage: settings:rotate-key", assertThrows(CommandFailedException.class,
                () -> new RotateKeyCommand(settings).execute(null, List.of("now"))).getMessage());
        settings.refusal = new PluginException(Code.IO_ERROR, "the secret key comes from the environment variable "
                + "PLINTH_SECRET_KEY");
        assertEquals("the secret key comes from the environment variable PLINTH_SECRET_KEY",
                assertThrows(CommandFailedException.class,
                        () -> new RotateKeyCommand(settings).execute(null, List.of())).getMessage());
    }

    @Test
    void gogoPassesQuotedReferencesAndKeyValuesAsTheyAreTyped() throws Exception {
        ThreadIOImpl threadIO = new ThreadIOImpl();
        threadIO.start();
        try {
            CommandProcessorImpl processor = new CommandProcessorImpl(threadIO);
            for (String function : List.of("settings", "set", "unset")) {
                processor.addCommand("plugin", commands, function);
            }
            processor.addCommand("settings", new RotateKeyCommand(settings), "rotate-key");
            processor.addConverter(new ShellFormatter());
            CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]),
                    new ByteArrayOutputStream(), new ByteArrayOutputStream());
            session.execute("plugin:set demo demo.Greeter greeting='Hi there' 'url=$[env:URL]' tags=a,b retries=3");
            assertEquals("demo.Greeter", settings.pid);
            assertEquals(Map.of("greeting", List.of("Hi there"), "url", List.of("$[env:URL]"), "tags",
                    List.of("a,b"), "retries", List.of("3")), settings.values);
            Exception unquoted = assertThrows(Exception.class, () -> session.execute("plugin:set demo url=$[env:URL]"));
            assertEquals("the shell read the $[...] of url=$ itself: quote the whole word, as 'url=$[env:NAME]'",
                    unquoted.getMessage());
            Object rotated = session.execute("settings:rotate-key");
            assertEquals("Rotated the secret key: 3 stored secrets re-encrypted with the new key.",
                    session.format(rotated, Converter.INSPECT).toString());
            assertFalse(session.format(session.execute("plugin:settings --json demo"), Converter.INSPECT)
                    .toString().isEmpty());
            session.close();
        } finally {
            threadIO.stop();
        }
    }
}
