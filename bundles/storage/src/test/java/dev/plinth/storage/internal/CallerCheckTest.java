package dev.plinth.storage.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Version;

/** The caller check of the plugins' DataSource: another bundle's code is refused, the plugin's own is not. */
class CallerCheckTest {

    private static final Bundle STORAGE = bundle(3, "dev.plinth.storage");
    private static final Bundle VICTIM = bundle(5, "test.victim");
    private static final Bundle EVIL = bundle(7, "test.evil");
    private static final Bundle SCR = bundle(4, CallerCheck.SCR);

    private static Bundle bundle(long id, String name) {
        return (Bundle) Proxy.newProxyInstance(CallerCheckTest.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getBundleId" -> id;
                    case "getSymbolicName" -> name;
                    case "getVersion" -> Version.parseVersion("1.0.0");
                    default -> null;
                });
    }

    /** This test's code counts as {@code caller}'s, the storage's classes as the storage bundle's. */
    private static CallerCheck calledBy(Bundle caller) {
        return new CallerCheck(STORAGE.getBundleId(), type -> type == CallerCheckTest.class ? caller
                : type.getPackageName().equals(CallerCheck.class.getPackageName()) ? STORAGE : null);
    }

    @Test
    void anotherBundleIsRefusedByNameAndThePluginItselfIsNot() {
        assertEquals(Optional.of("test.evil 1.0.0"), calledBy(EVIL).refused(VICTIM, true));
        assertEquals(Optional.empty(), calledBy(VICTIM).refused(VICTIM, false));
    }

    @Test
    void declarativeServicesMayAskOnThePluginsBehalfButNotUseItsDataSource() {
        assertEquals(Optional.empty(), calledBy(SCR).refused(VICTIM, true));
        assertTrue(calledBy(SCR).refused(VICTIM, false).isPresent());
    }

    @Test
    void aStackWithoutAnyBundleIsRefused() {
        assertEquals(Optional.of("code of no bundle"), calledBy(null).refused(VICTIM, true));
    }

    @Test
    void theGuardedDataSourceRefusesAnotherBundlesCallAndLogsItsName() {
        DataSource real = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> null);
        List<String> said = new ArrayList<>();
        StorageLog log = new StorageLog() {
            @Override
            public void info(String message) {
                said.add(message);
            }

            @Override
            public void warn(String message) {
                said.add(message);
            }
        };
        DataSource guarded = new GuardedDataSource(real, VICTIM, calledBy(EVIL), log);
        SQLException refused = assertThrows(SQLException.class, guarded::getConnection);
        assertTrue(refused.getMessage().contains("test.evil"), refused.getMessage());
        assertThrows(SQLException.class, () -> guarded.unwrap(DataSource.class.getClass()));
        assertTrue(said.get(0).contains("test.evil 1.0.0 used the DataSource of test.victim"), said.toString());
    }
}
