package dev.plinth.settings.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.plinth.api.settings.SettingRefusal;

class ArchiveMetatypeTest {

    private static final String METATYPE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <metatype:MetaData xmlns:metatype="http://www.osgi.org/xmlns/metatype/v1.4.0">
              <OCD id="mail" name="Mail">
                <AD id="port" type="Integer" min="1024" max="65535" default="2525"/>
                <AD id="host" type="String" min="3" required="false"/>
                <AD id="mode" type="String" default="text">
                  <Option value="text" label="Text"/>
                  <Option value="html" label="HTML"/>
                </AD>
              </OCD>
              <Designate pid="x.mail"><Object ocdref="mail"/></Designate>
              <Designate factoryPid="x.hook"><Object ocdref="mail"/></Designate>
            </metatype:MetaData>
            """;

    private static List<ConfigurationSchema> read(String xml) throws IOException {
        return ArchiveMetatype.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "m.xml");
    }

    @Test
    void readsEachDesignateWithItsAttributes() throws IOException {
        List<ConfigurationSchema> schemas = read(METATYPE);

        assertEquals(List.of("x.mail", "x.hook"), schemas.stream().map(ConfigurationSchema::pid).toList());
        assertEquals(List.of(false, true), schemas.stream().map(ConfigurationSchema::factory).toList());
        assertEquals(List.of("port", "host", "mode"),
                schemas.get(0).attributes().stream().map(ConfigurationSchema.Attribute::id).toList());
    }

    @Test
    void theMinimumAndMaximumOfANumberAndTheLengthOfAStringAreChecked() throws IOException {
        ConfigurationSchema schema = read(METATYPE).get(0);

        List<SettingRefusal> refusals = ConfigurationCheck.refusals("x.mail", schema,
                Map.of("port", List.of("80"), "host", List.of("ab"), "mode", List.of("pdf")), Set.of());

        assertEquals(List.of("port: less than minimum", "host: less than minimum", "mode: " + refusals.get(2).reason()),
                refusals.stream().map(r -> r.key() + ": " + r.reason()).toList());
        assertTrue(refusals.get(2).reason().contains("html"), refusals.get(2).reason());
        assertEquals(List.of("port: greater than maximum"), ConfigurationCheck.refusals("x.mail", schema,
                Map.of("port", List.of("70000")), Set.of()).stream().map(r -> r.key() + ": " + r.reason()).toList());
        assertEquals(List.of(), ConfigurationCheck.refusals("x.mail", schema,
                Map.of("port", List.of("2525"), "host", List.of("mail.example"), "mode", List.of("html")), Set.of()));
    }

    @Test
    void aDocumentWithADoctypeIsRefused() {
        assertThrows(IOException.class, () -> read("""
                <?xml version="1.0"?>
                <!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <m>&x;</m>
                """));
    }
}
