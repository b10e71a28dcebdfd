package dev.plinth.itests;

import java.util.function.Supplier;

import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Copied into test bundles as a Declarative Services component with a reference to Configuration Admin: its
 * {@link Supplier} service (property {@code guardprobe}) tells what reading {@value #TRIED} through that reference
 * gave.
 */
public final class GuardedAdminUser implements Supplier<String> {

    static final String TRIED = "dev.plinth.rest";
    static final String COMPONENT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="test.guard.user" immediate="true">
              <implementation class="dev.plinth.itests.GuardedAdminUser"/>
              <service><provide interface="java.util.function.Supplier"/></service>
              <property name="guardprobe" value="true"/>
              <reference name="admin" interface="org.osgi.service.cm.ConfigurationAdmin" bind="bind"/>
            </scr:component>
            """;

    private volatile ConfigurationAdmin admin;

    public void bind(ConfigurationAdmin admin) {
        this.admin = admin;
    }

    @Override
    public String get() {
        try {
            return "read " + admin.getConfiguration(TRIED).getProperties();
        } catch (SecurityException e) {
            return "refused: " + e.getMessage();
        } catch (Exception e) {
            return "failed: " + e;
        }
    }
}
