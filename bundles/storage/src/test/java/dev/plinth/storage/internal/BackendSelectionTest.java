package dev.plinth.storage.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plinth.common.testing.ThrowawayPostgres;
import dev.plinth.storage.internal.postgres.PostgresBackend;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.h2.util.OsgiDataSourceFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.jdbc.DataSourceFactory;
import org.postgresql.osgi.PGDataSourceFactory;

class BackendSelectionTest {

    private final DataSourceFactory h2 = new OsgiDataSourceFactory(org.h2.Driver.load());
    private final List<String> warnings = new ArrayList<>();

    @Test
    void withoutConfigurationItIsH2(@TempDir Path root) {
        Backend backend = BackendSelection.select(config(Map.of()), root, h2, null, warnings::add);
        assertEquals("h2", backend.name());
    }

    @Test
    void postgresqlOnTheConfiguredServerAsTheConfiguredRole(@TempDir Path root) throws Exception {
        try (ThrowawayPostgres pg = ThrowawayPostgres.start()) {
            Backend backend = BackendSelection.select(config(Map.of("backend", "postgresql", "host", pg.host(),
                    "port", pg.port(), "database", "postgres", "user", pg.superuser(),
                    "_password", pg.superuserPassword(), "postgresql_bin", pg.binaries().toString())),
                    root, h2, new PGDataSourceFactory(), warnings::add);
            try {
                assertInstanceOf(PostgresBackend.class, backend);
                assertEquals("postgresql://127.0.0.1:" + pg.port() + "/postgres schema plugin_chosen",
                        backend.location("chosen"));
                backend.provision("chosen");
                assertTrue(backend.exists("chosen"));
                assertEquals(List.of(), warnings);
            } finally {
                backend.close();
            }
        }
    }

    @Test
    void aWrongConfigurationIsRefusedInWords(@TempDir Path root) {
        assertRefused(Map.of("backend", "mysql"), root, "storage backend mysql of dev.plinth.storage is neither");
        assertRefused(Map.of("backend", "postgresql", "user", "plinth", "_password", "x"), root,
                "needs PostgreSQL's JDBC driver bundle");
        IllegalArgumentException noUser = assertThrows(IllegalArgumentException.class,
                () -> BackendSelection.select(config(Map.of("backend", "postgresql")), root, h2,
                        new PGDataSourceFactory(), warnings::add));
        assertTrue(noUser.getMessage().contains("needs user"), noUser.getMessage());
    }

    private void assertRefused(Map<String, Object> values, Path root, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BackendSelection.select(config(values), root, h2, null, warnings::add));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    /** The configuration as DS would give it: the values given, the annotation's defaults for the rest. */
    private static StorageConfiguration config(Map<String, Object> values) {
        return (StorageConfiguration) Proxy.newProxyInstance(StorageConfiguration.class.getClassLoader(),
                new Class<?>[] {StorageConfiguration.class}, (proxy, method, args) -> value(values, method));
    }

    private static Object value(Map<String, Object> values, Method method) {
        if (values.containsKey(method.getName())) {
            return values.get(method.getName());
        }
        return method.getDefaultValue();
    }
}
