package dev.plinth.config.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileReaderTest {

    @TempDir
    Path etc;

    private Hashtable<String, Object> read(String fileName, String content) throws IOException {
        Path file = etc.resolve(fileName);
        Files.writeString(file, content);
        return ConfigFileReader.read(file, ConfigFileName.parse(fileName).orElseThrow());
    }

    @Test
    void propertiesFilesGiveStrings() throws IOException {
        Hashtable<String, Object> properties = read("a.cfg", "# comment\nport = 8080\nname = plinth \\\n  runtime\n");
        assertEquals("8080", properties.get("port"));
        assertEquals("plinth runtime", properties.get("name"));
        assertEquals(2, properties.size());
    }

    @Test
    void propertiesValuesKeepTheirTrailingSpacesAsJavaPropertiesDo() throws IOException {
        Hashtable<String, Object> properties = read("s.cfg", "sep=\\ \nsuffix = a\\u0020\ntab=\\t\nplain = b  \n");
        assertEquals(" ", properties.get("sep"));
        assertEquals("a ", properties.get("suffix"));
        assertEquals("\t", properties.get("tab"));
        assertEquals("b  ", properties.get("plain"));
    }

    @Test
    void typedFilesKeepTheirTypes() throws IOException {
        Hashtable<String, Object> properties = read("a.config", "port=I\"8080\"\nsize=L\"5\"\non=B\"true\"\n"
                + "names=[\"x\",\"y\"]\n");
        assertEquals(8080, properties.get("port"));
        assertEquals(5L, properties.get("size"));
        assertEquals(Boolean.TRUE, properties.get("on"));
        assertArrayEquals(new String[] {"x", "y"}, (String[]) properties.get("names"));
    }

    @Test
    void jsonFilesFollowTheConfiguratorTypes() throws IOException {
        Hashtable<String, Object> properties = read("a.cfg.json",
                "{\n  // comments are allowed\n  \"port:Integer\": 9090,\n  \"on\": true,\n  \"tags\": [\"a\", \"b\"],\n"
                        + "  \"name\": \"x\"\n}\n");
        assertEquals(9090, properties.get("port"));
        assertEquals(Boolean.TRUE, properties.get("on"));
        assertArrayEquals(new String[] {"a", "b"}, (String[]) properties.get("tags"));
        assertEquals("x", properties.get("name"));
    }

    @Test
    void brokenFilesAreErrorsNotEmptyConfigurations() {
        assertThrows(IOException.class, () -> read("a.cfg.json", "{ \"port\": 9090,"));
        assertThrows(IOException.class, () -> read("b.cfg.json", "[1, 2]"));
        assertThrows(IOException.class, () -> read("d.config", "ratio=D\"0.5\""));
    }
}
