package dev.plinth.settings.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.plinth.common.testing.FuzzChecks;

/**
 * Fuzzes the reading of a plugin archive's {@code OSGI-INF/metatype/*.xml} (read before the archive is installed, to
 * check the configurations it declares): a document is either read into schemas whose every attribute has an id and
 * whose check of any value answers, or refused with an {@link IOException}. Seeds:
 * {@code ArchiveMetatypeFuzzTestInputs/metatype}.
 */
class ArchiveMetatypeFuzzTest {

    @FuzzTest(maxDuration = "3m")
    void metatype(byte[] bytes) throws Exception {
        List<ConfigurationSchema> schemas;
        try {
            schemas = FuzzChecks.timed("reading " + bytes.length + " bytes",
                    () -> ArchiveMetatype.parse(new ByteArrayInputStream(bytes), "fuzz.xml"));
        } catch (IOException e) {
            return;
        } catch (RuntimeException | Error e) {
            throw FuzzChecks.unexpected("reading the metatype", e);
        }
        for (ConfigurationSchema schema : schemas) {
            assertNotNull(schema.pid());
            for (ConfigurationSchema.Attribute attribute : schema.attributes()) {
                assertNotNull(attribute.id());
                try {
                    ConfigurationCheck.refusals(schema.pid(), schema, Map.of(attribute.id(), List.of("1", "x")),
                            Set.of());
                } catch (RuntimeException e) {
                    throw FuzzChecks.unexpected("checking a value against the metatype read", e);
                }
            }
        }
    }
}
