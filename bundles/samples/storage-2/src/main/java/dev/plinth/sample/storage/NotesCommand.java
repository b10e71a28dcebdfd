package dev.plinth.sample.storage;

import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The console commands {@code notes:add TEXT} and {@code notes:list}. */
@Component(service = NotesCommand.class, property = { "osgi.command.scope=notes", "osgi.command.function=add",
        "osgi.command.function=list" })
public final class NotesCommand {

    private final NoteBook notes;

    @Activate
    public NotesCommand(@Reference NoteBook notes) {
        this.notes = notes;
    }

    /** {@code notes:add alice: buy milk}: adds a note (the words joined by spaces). */
    public String add(String... words) throws SQLException {
        Note note = notes.add(String.join(" ", words));
        return "Note " + note.id() + " added.";
    }

    /** {@code notes:list}: every note, one a line, oldest first. */
    public String list() throws SQLException {
        List<Note> all = notes.list();
        return all.isEmpty() ? "No notes yet." : all.stream().map(Note::line).collect(Collectors.joining("\n"));
    }
}
