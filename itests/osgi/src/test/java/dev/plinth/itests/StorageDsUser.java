package dev.plinth.itests;

import java.util.List;
import java.util.function.Function;

import javax.sql.DataSource;

/**
 * Copied into a test plugin as a Declarative Services component that asks for storage only by its reference to the
 * plugins' DataSource (no {@code @RequireStorage}); offers SQL on it as {@link StoragePluginActivator} does.
 */
public final class StorageDsUser implements Function<String, List<String>> {

    static final String ID = "test.storage.ds";
    static final String COMPONENT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="test.storage.ds" immediate="true">
              <implementation class="dev.plinth.itests.StorageDsUser"/>
              <service><provide interface="java.util.function.Function"/></service>
              <property name="test.storage" value="test.storage.ds"/>
              <reference name="dataSource" interface="javax.sql.DataSource" target="(plinth.storage=plugin)"
                  cardinality="1..1" policy="static" bind="bind"/>
            </scr:component>
            """;

    private volatile DataSource dataSource;

    public void bind(DataSource value) {
        dataSource = value;
    }

    @Override
    public List<String> apply(String sql) {
        return StoragePluginActivator.run(dataSource, sql);
    }
}
