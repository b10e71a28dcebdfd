package dev.plinth.console.internal;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** One request to a servlet and what it answered, without a server: the request and response are plain proxies. */
final class Exchange {

    final Map<String, String> requestHeaders = new HashMap<>();
    final Map<String, Object> attributes = new HashMap<>();
    final Map<String, String> headers = new HashMap<>();
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    int status = 200;
    private final String method;
    private final String pathInfo;

    Exchange(String method, String pathInfo) {
        this.method = method;
        this.pathInfo = pathInfo;
    }

    Exchange header(String name, String value) {
        requestHeaders.put(name.toLowerCase(Locale.ROOT), value);
        return this;
    }

    Exchange attribute(String name, Object value) {
        attributes.put(name, value);
        return this;
    }

    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    String body() {
        return body.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    Exchange run(jakarta.servlet.http.HttpServlet servlet) throws Exception {
        servlet.service(request(), response());
        return this;
    }

    private HttpServletRequest request() {
        return (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getPathInfo" -> pathInfo;
                    case "getContextPath" -> "";
                    case "getServletPath" -> "/console";
                    case "getRequestURI" -> "/console" + (pathInfo == null ? "" : pathInfo);
                    case "getScheme" -> "http";
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "getHeader" -> requestHeaders.get(((String) args[0]).toLowerCase(Locale.ROOT));
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private HttpServletResponse response() {
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public void write(int b) {
                body.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }
        };
        return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> {
                    switch (m.getName()) {
                        case "setHeader" -> headers.put(((String) args[0]).toLowerCase(Locale.ROOT), (String) args[1]);
                        case "setStatus" -> status = (Integer) args[0];
                        case "setContentType" -> headers.put("content-type", (String) args[0]);
                        case "setContentLength" -> headers.put("content-length", String.valueOf(args[0]));
                        case "getOutputStream" -> {
                            return out;
                        }
                        default -> throw new UnsupportedOperationException(m.getName());
                    }
                    return null;
                });
    }
}
