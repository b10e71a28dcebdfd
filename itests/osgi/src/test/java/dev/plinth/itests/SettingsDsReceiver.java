package dev.plinth.itests;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Copied into test bundles as a Declarative Services component configured by {@value #PID}: shows the configuration
 * DS last gave it (activate or modified) through its {@link Supplier} service.
 */
public final class SettingsDsReceiver implements Supplier<Map<String, Object>> {

    static final String PID = "test.settings.ds";
    static final String COMPONENT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="test.settings.ds"
                configuration-pid="test.settings.ds" immediate="true" activate="activate" modified="modified">
              <implementation class="dev.plinth.itests.SettingsDsReceiver"/>
              <service><provide interface="java.util.function.Supplier"/></service>
              <property name="received" value="test.settings.ds"/>
            </scr:component>
            """;

    private volatile Map<String, Object> received = Map.of();

    public void activate(Map<String, Object> properties) {
        received = Map.copyOf(properties);
    }

    public void modified(Map<String, Object> properties) {
        received = Map.copyOf(properties);
    }

    @Override
    public Map<String, Object> get() {
        return received;
    }
}
