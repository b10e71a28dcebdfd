package dev.plinth.rest.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventHandler;

import dev.plinth.api.PluginEvents;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /api/events}: the manager's plugin events as Server-Sent Events, from the moment the client connects
 * (a {@code : subscribed} comment says when). Each client has a bounded queue; one that falls that far behind is
 * disconnected rather than slowing the others. The slots are shared out by token ({@link EventSlots}), so that no
 * viewer token can take them all from the admin. A stream opened with the session cookie (its CSRF token may come as
 * the query parameter {@code csrf}, {@link CsrfCheck}) ends when its session ends: at once when it is ended (signing
 * out, its token taken away, pushed out), and at the next event or keep-alive when it expires.
 */
@Component(service = {Servlet.class, EventHandler.class}, configurationPid = RestConfiguration.PID, property = {
    "osgi.http.whiteboard.servlet.name=plinth-events",
    "osgi.http.whiteboard.servlet.pattern=/api/events",
    "event.topics=" + PluginEvents.TOPIC_PREFIX + "*"})
public final class EventStream extends HttpServlet implements EventHandler {

    private static final long serialVersionUID = 1L;
    private static final int QUEUE = 256;
    private static final String CLOSED = "";
    private static final String STREAM = "text/event-stream";

    private final transient EventFrames frames;
    private final transient Responses responses;
    private final transient List<BlockingQueue<String>> clients = new CopyOnWriteArrayList<>();
    private final transient Map<BlockingQueue<String>, String> sessionOf = new ConcurrentHashMap<>();
    private final transient Consumer<String> sessionEnded = this::sessionEnded;
    private final transient AtomicLong sequence = new AtomicLong();
    private final transient EventSlots slots;
    private final long keepAliveSeconds;
    private final transient Authentication authentication;
    private volatile boolean closed;

    @Activate
    public EventStream(RestConfiguration config, @Reference Authentication authentication) {
        this.authentication = authentication;
        this.frames = new EventFrames();
        this.responses = new Responses(new Json());
        this.slots = new EventSlots(Math.max(1, config.events_max_clients()));
        this.keepAliveSeconds = Math.max(1, config.events_keepalive_s());
        authentication.sessions().onEnd(sessionEnded);
    }

    private void sessionEnded(String session) {
        sessionOf.forEach((queue, id) -> {
            if (id.equals(session)) {
                close(queue);
            }
        });
    }

    private static void close(BlockingQueue<String> client) {
        client.clear();
        client.offer(CLOSED);
    }

    @Override
    public void handleEvent(Event event) {
        if (clients.isEmpty()) {
            return;
        }
        String frame = frames.frame(sequence.incrementAndGet(), event);
        for (BlockingQueue<String> client : clients) {
            if (!client.offer(frame)) {
                close(client);
            }
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!authentication.passed(request)) {
            responses.problem(response, Authentication.notChecked());
            return;
        }
        try {
            if (!request.getMethod().equals("HEAD")) {
                Requests.requireGet(request.getMethod());
            }
            Query.parse(request.getQueryString())
                    .only(session(request) == null ? Set.of() : Set.of(CsrfCheck.PARAMETER));
        } catch (ApiException e) {
            if (e.allow() != null) {
                response.setHeader("Allow", e.allow());
            }
            responses.problem(response, e.problem());
            return;
        }
        if (request.getMethod().equals("HEAD")) {
            response.setStatus(200);
            response.setContentType(STREAM);
            return;
        }
        BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE);
        String holder = holder(request);
        synchronized (clients) {
            String refusal = closed ? "the event stream is closing" : slots.refusal(holder);
            if (refusal != null) {
                responses.problem(response, Problem.of(503, "TOO_MANY_CLIENTS", refusal));
                return;
            }
            slots.take(holder);
            clients.add(queue);
        }
        String session = session(request);
        if (session != null) {
            sessionOf.put(queue, session);
        }
        try {
            stream(response, queue, session);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sessionOf.remove(queue);
            synchronized (clients) {
                clients.remove(queue);
                slots.release(holder);
            }
        }
    }

    /**
     * Who holds a slot: the admin, or a viewer token by its name (with the bearer token or the session cookie alike),
     * as the token check let the request through.
     */
    private static String holder(HttpServletRequest request) {
        if (request.getAttribute(Access.ATTRIBUTE) == Access.ADMIN) {
            return EventSlots.ADMIN;
        }
        return request.getAttribute(Principal.ATTRIBUTE) instanceof Principal principal
                ? "viewer:" + principal.name() : "viewer";
    }

    private static String session(HttpServletRequest request) {
        return request.getAttribute(Authentication.SESSION) instanceof String id ? id : null;
    }

    private void stream(HttpServletResponse response, BlockingQueue<String> queue, String session)
            throws IOException, InterruptedException {
        response.setStatus(200);
        response.setContentType(STREAM);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Accel-Buffering", "no");
        PrintWriter out = response.getWriter();
        out.write(": subscribed\n\n");
        out.flush();
        while (!closed && !out.checkError()) {
            String frame = queue.poll(keepAliveSeconds, TimeUnit.SECONDS);
            if (frame == CLOSED || session != null && !authentication.sessions().alive(session)) {
                return;
            }
            out.write(frame == null ? ": keep-alive\n\n" : frame);
            out.flush();
        }
    }

    @Deactivate
    void close() {
        authentication.sessions().stopTelling(sessionEnded);
        synchronized (clients) {
            closed = true;
            clients.forEach(EventStream::close);
        }
    }
}
