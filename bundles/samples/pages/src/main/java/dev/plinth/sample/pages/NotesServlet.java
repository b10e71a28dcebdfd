package dev.plinth.sample.pages;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /api/plugin/dev.plinth.sample.pages/notes}, the route the sample's console pages call through the SDK:
 * {@code GET} answers the plugin's version, its greeting and the notes as JSON; {@code POST} with a note's text as a
 * plain text body (1 to 200 characters) adds one (201, the note). The notes live in memory, up to 100.
 */
@Component(service = Servlet.class, configurationPid = PagesSettings.PID, property = {
    "osgi.http.whiteboard.servlet.name=dev.plinth.sample.pages.notes",
    "osgi.http.whiteboard.servlet.pattern=/api/plugin/dev.plinth.sample.pages/notes"})
@Designate(ocd = PagesSettings.class)
public final class NotesServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final int MAX_TEXT = 200;
    private static final int MAX_NOTES = 100;

    private final transient List<String> notes = new ArrayList<>();
    private volatile String greeting;

    @Activate
    public NotesServlet(PagesSettings settings) {
        modified(settings);
    }

    @Modified
    void modified(PagesSettings settings) {
        greeting = settings.greeting();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        StringBuilder json = new StringBuilder("{\"version\":")
                .append(Json.string(FrameworkUtil.getBundle(NotesServlet.class).getVersion().toString()))
                .append(",\"greeting\":").append(Json.string(greeting)).append(",\"notes\":[");
        synchronized (notes) {
            for (int i = 0; i < notes.size(); i++) {
                json.append(i == 0 ? "" : ",").append(Json.string(notes.get(i)));
            }
        }
        send(response, 200, json.append("]}").toString());
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        char[] text = new char[MAX_TEXT + 1];
        int length = 0;
        int read;
        while (length < text.length && (read = request.getReader().read(text, length, text.length - length)) > 0) {
            length += read;
        }
        String note = new String(text, 0, length).strip();
        if (note.isEmpty() || length > MAX_TEXT) {
            send(response, 400, "{\"error\":\"a note is 1 to " + MAX_TEXT + " characters\"}");
            return;
        }
        synchronized (notes) {
            if (notes.size() >= MAX_NOTES) {
                notes.remove(0);
            }
            notes.add(note);
        }
        send(response, 201, "{\"note\":" + Json.string(note) + "}");
    }

    private static void send(HttpServletResponse response, int status, String json) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json);
    }
}
