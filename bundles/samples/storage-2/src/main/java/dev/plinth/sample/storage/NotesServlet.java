package dev.plinth.sample.storage;

import java.io.IOException;
import java.sql.SQLException;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /api/plugin/dev.plinth.sample.storage/notes}: {@code GET} lists the notes as a JSON array, {@code POST}
 * with the note's text as a plain text body adds one (201, the note).
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.name=dev.plinth.sample.storage.notes",
    "osgi.http.whiteboard.servlet.pattern=/api/plugin/dev.plinth.sample.storage/notes"})
public final class NotesServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient NoteBook notes;

    @Activate
    public NotesServlet(@Reference NoteBook notes) {
        this.notes = notes;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            send(response, 200, notes.list().stream().map(Note::json).collect(Collectors.joining(",", "[", "]")));
        } catch (SQLException e) {
            send(response, 500, "{\"error\":\"the notes cannot be read\"}");
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            send(response, 201, notes.add(body(request)).json());
        } catch (IllegalArgumentException e) {
            send(response, 400, "{\"error\":\"" + e.getMessage().replace("\"", "'") + "\"}");
        } catch (SQLException e) {
            send(response, 500, "{\"error\":\"the note cannot be stored\"}");
        }
    }

    /** The body as text, up to one character more than a note may have (so that a longer one is refused). */
    private static String body(HttpServletRequest request) throws IOException {
        char[] text = new char[NoteBook.MAX_TITLE + 1];
        int length = 0;
        int read;
        while (length < text.length && (read = request.getReader().read(text, length, text.length - length)) > 0) {
            length += read;
        }
        return new String(text, 0, length);
    }

    private static void send(HttpServletResponse response, int status, String json) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json);
    }
}
