package dev.plinth.sample.hostileui;

import java.io.IOException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /api/plugin/dev.plinth.sample.hostileui/target}: the address (its setting {@code script.url}) the
 * hostile page loads a script from and navigates the console to, as {@code {"url": "..."}}.
 */
@Component(service = Servlet.class, configurationPid = HostileSettings.PID, property = {
    "osgi.http.whiteboard.servlet.name=dev.plinth.sample.hostileui.target",
    "osgi.http.whiteboard.servlet.pattern=/api/plugin/dev.plinth.sample.hostileui/target"})
@Designate(ocd = HostileSettings.class)
public final class TargetServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private volatile String url;

    @Activate
    public TargetServlet(HostileSettings settings) {
        modified(settings);
    }

    @Modified
    void modified(HostileSettings settings) {
        url = settings.script_url();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        String safe = url.matches("https?://[A-Za-z0-9._:\\[\\]/?=&%-]+") ? url : "http://127.0.0.1:9/hostile.js";
        response.getWriter().write("{\"url\":\"" + safe + "\"}");
    }
}
