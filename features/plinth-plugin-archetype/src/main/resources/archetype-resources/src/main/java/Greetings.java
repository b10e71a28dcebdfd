package ${package};

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.plinth.api.storage.PluginStorage;
import dev.plinth.api.storage.RequireStorage;

/**
 * Who was greeted, in the plugin's own database (docs/storage.md): {@code @RequireStorage} asks Plinth for it, the
 * migrations in {@code src/main/resources/db/migration} make its tables, and the {@code DataSource} with the target
 * {@link PluginStorage#DATA_SOURCE} is this plugin's.
 */
@RequireStorage
@Component(service = Greetings.class)
public final class Greetings {

    private final DataSource dataSource;

    @Activate
    public Greetings(@Reference(target = PluginStorage.DATA_SOURCE) DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records that {@code name} was greeted. */
    public void record(String name) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO greetings (name) VALUES (?)")) {
            insert.setString(1, name);
            insert.executeUpdate();
        }
    }

    /** How many greetings were recorded. */
    public int count() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery("SELECT COUNT(*) FROM greetings")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
