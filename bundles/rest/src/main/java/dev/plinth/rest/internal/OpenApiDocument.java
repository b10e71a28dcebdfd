package dev.plinth.rest.internal;

import java.io.IOException;
import java.io.InputStream;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import jakarta.json.spi.JsonProvider;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /api/openapi.json}: the OpenAPI 3 description of this API, written by hand beside the code. Served,
 * like the other endpoints, only to requests the {@link Authentication} let through.
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.name=plinth-openapi",
    "osgi.http.whiteboard.servlet.pattern=/api/openapi.json"})
public final class OpenApiDocument extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String RESOURCE = "openapi.json";

    private final transient Authentication authentication;
    private final transient Responses responses;

    @Activate
    public OpenApiDocument(@Reference Authentication authentication, @Reference JsonProvider json) {
        this.authentication = authentication;
        this.responses = new Responses(new Json(json));
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException, jakarta.servlet.ServletException {
        if (!authentication.passed(request)) {
            responses.problem(response, Authentication.notChecked());
            return;
        }
        super.service(request, response);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try (InputStream document = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            response.setStatus(200);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            document.transferTo(response.getOutputStream());
        }
    }
}
