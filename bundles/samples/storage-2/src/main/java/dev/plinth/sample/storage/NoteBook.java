package dev.plinth.sample.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.plinth.api.storage.PluginStorage;
import dev.plinth.api.storage.RequireStorage;

/**
 * The notes, in the plugin's own database: its {@code DataSource} is the one Plinth's storage gives this bundle
 * (target {@link PluginStorage#DATA_SOURCE}), its table made by the migration {@code V1__create_notes.sql}, the author
 * moved to a column of its own by {@code V2__split_author.sql}, the titles tidied by {@code V3__Normalise_titles}.
 * Version 3.0.0 is built from this code with a migration of its own, {@code V4__add_tags.sql}, that fails half-way.
 */
@RequireStorage
@Component(service = NoteBook.class)
public final class NoteBook {

    /** The longest title kept; the column holds 500 characters. */
    static final int MAX_TITLE = 500;

    private final DataSource dataSource;

    @Activate
    public NoteBook(@Reference(target = PluginStorage.DATA_SOURCE) DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Adds a note, written as {@code author: title} or just a title, and returns it. */
    public Note add(String title) throws SQLException {
        Note note = Titles.split(checked(title));
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO notes (title, author) VALUES (?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, note.title());
            insert.setString(2, note.author());
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return new Note(keys.getInt(1), note.title(), note.author());
            }
        }
    }

    /** Every note, oldest first. */
    public List<Note> list() throws SQLException {
        List<Note> notes = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery("SELECT id, title, author FROM notes ORDER BY id")) {
            while (rows.next()) {
                notes.add(new Note(rows.getInt(1), rows.getString(2), rows.getString(3)));
            }
        }
        return notes;
    }

    /** The title, trimmed; a blank or too long one is refused. */
    static String checked(String title) {
        String text = title == null ? "" : title.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("a note needs a text, for example: notes:add 'alice: buy milk'");
        }
        if (text.length() > MAX_TITLE) {
            throw new IllegalArgumentException("a note has at most " + MAX_TITLE + " characters, not "
                    + text.length());
        }
        return text;
    }
}
