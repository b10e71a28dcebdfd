package dev.plinth.sample.routes;

import java.io.IOException;

import org.osgi.service.component.annotations.Component;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /api/plugin/dev.plinth.sample.routes/greeting[?name=NAME]}: a greeting as JSON. A plugin may serve
 * under {@code /api/plugin/<its id>/} on the servlet whiteboard; callers need a token, as for the rest of the API.
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.name=dev.plinth.sample.routes.greeting",
    "osgi.http.whiteboard.servlet.pattern=/api/plugin/dev.plinth.sample.routes/greeting"})
public final class GreetingServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getParameter("name");
        String who = name == null || name.isBlank() ? "world" : name.replaceAll("[^\\p{L}\\p{N} .'-]", "");
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"greeting\":\"Hello, " + who + "!\"}");
    }
}
