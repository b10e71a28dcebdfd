package ${package};

import java.io.IOException;
import java.sql.SQLException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /api/plugin/${artifactId}/hello[?name=NAME]}: a greeting as JSON. A plugin serves only under
 * {@code /api/plugin/<its id>/} (docs/rest.md), behind the REST API's tokens.
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.name=${artifactId}.hello",
    "osgi.http.whiteboard.servlet.pattern=/api/plugin/${artifactId}/hello"})
public final class HelloServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Greeter greeter;
    private final transient Greetings greetings;

    @Activate
    public HelloServlet(@Reference Greeter greeter, @Reference Greetings greetings) {
        this.greeter = greeter;
        this.greetings = greetings;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getParameter("name");
        String who = name == null || name.isBlank() ? "world" : name.replaceAll("[^\\p{L}\\p{N} .'-]", "");
        try {
            greetings.record(who);
        } catch (SQLException e) {
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "storage: " + e.getMessage());
            return;
        }
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"greeting\":\"" + jsonText(greeter.greet(who)) + "\"}");
    }

    /** The text as the inside of a JSON string (a greeting set by an operator may hold quotes). */
    static String jsonText(String text) {
        StringBuilder json = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.toString();
    }
}
