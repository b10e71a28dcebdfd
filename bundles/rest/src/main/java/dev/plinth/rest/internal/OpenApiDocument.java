package dev.plinth.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /api/openapi.json}: the OpenAPI 3 description of this API, written by hand beside the code. Served,
 * like the other endpoints, only to requests the {@link Authentication} let through, and refusing what they refuse
 * (other methods, unknown query parameters) with the same problems.
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.name=plinth-openapi",
    "osgi.http.whiteboard.servlet.pattern=/api/openapi.json"})
public final class OpenApiDocument extends ApiServlet {

    private static final long serialVersionUID = 1L;
    static final String RESOURCE = "openapi.json";

    @Activate
    public OpenApiDocument(@Reference Authentication authentication, @Reference(service = LoggerFactory.class) Logger log) {
        super(new Responses(new Json()), log, authentication);
    }

    @Override
    void route(HttpServletRequest request, HttpServletResponse response, List<String> path, Query query)
            throws ApiException, IOException {
        Requests.requireGet(request.getMethod());
        query.only(Set.of());
        try (InputStream document = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            response.setStatus(200);
            response.setContentType(Responses.JSON);
            response.setCharacterEncoding("UTF-8");
            document.transferTo(response.getOutputStream());
        }
    }
}
