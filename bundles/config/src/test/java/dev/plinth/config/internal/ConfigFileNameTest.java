package dev.plinth.config.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.plinth.config.internal.ConfigFileName.Format;

class ConfigFileNameTest {

    @Test
    void singletonConfigurations() {
        ConfigFileName cfg = ConfigFileName.parse("org.example.server.cfg").orElseThrow();
        assertEquals("org.example.server", cfg.pid());
        assertEquals(Format.PROPERTIES, cfg.format());
        assertFalse(cfg.isFactory());
        assertEquals(Format.TYPED, ConfigFileName.parse("org.example.server.config").orElseThrow().format());
        ConfigFileName json = ConfigFileName.parse("org.example.server.cfg.json").orElseThrow();
        assertEquals(Format.JSON, json.format());
        assertEquals("org.example.server", json.pid());
    }

    @Test
    void factoryConfigurationsUseATilde() {
        ConfigFileName named = ConfigFileName.parse("org.example.pool~orders.cfg.json").orElseThrow();
        assertTrue(named.isFactory());
        assertEquals("org.example.pool", named.factoryPid());
        assertEquals("orders", named.name());
        assertEquals("org.example.pool~orders", named.pid());
        assertNull(ConfigFileName.parse("org.example.server.cfg").orElseThrow().factoryPid());
    }

    @Test
    void otherFilesAreNotConfiguration() {
        for (String name : new String[] {".org.example.cfg", "org.example.cfg~", "org.example.cfg.swp", "notes.txt",
                "logback.xml", ".cfg", "~x.cfg", "x~.cfg", "gosh_profile", "org.example.json"}) {
            assertTrue(ConfigFileName.parse(name).isEmpty(), name);
        }
    }
}
