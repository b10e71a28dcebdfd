package dev.plinth.shell.internal;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.LinkedBlockingQueue;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventHandler;

import dev.plinth.api.PluginEvents;

/**
 * {@code plugin:events}: follows the manager's plugin events, one line each, until the command is interrupted
 * (Ctrl-C). Each running command gets the events posted after it started.
 */
@Component(service = { Object.class, EventHandler.class }, property = {
        "osgi.command.scope=plugin",
        "osgi.command.function=events",
        "event.topics=" + PluginEvents.TOPIC_PREFIX + "*" })
public final class EventsCommand implements EventHandler {

    private final Set<BlockingQueue<PluginEvent>> followers = new CopyOnWriteArraySet<>();
    private final PluginJson json;
    private final ShellFormatter formatter = new ShellFormatter();

    @Activate
    public EventsCommand() {
        this.json = new PluginJson();
    }

    @Override
    public void handleEvent(Event event) {
        if (followers.isEmpty()) {
            return;
        }
        PluginEvent plugin = of(event);
        for (BlockingQueue<PluginEvent> follower : followers) {
            follower.offer(plugin);
        }
    }

    @Descriptor("follows plugin changes, one line each, until interrupted (Ctrl-C)")
    public Object events(CommandSession session,
            @Descriptor("print each event as a line of JSON")
            @Parameter(names = { "--json" }, presentValue = "true", absentValue = "false") boolean asJson) {
        BlockingQueue<PluginEvent> events = new LinkedBlockingQueue<>();
        followers.add(events);
        PrintStream out = session.getConsole();
        try {
            System.err.println("Following plugin events; Ctrl-C stops.");
            System.err.flush();
            while (true) {
                PluginEvent event = events.take();
                out.println(asJson ? json.event(event) : formatter.event(event));
                out.flush();
            }
        } catch (InterruptedException e) {
            return null;
        } finally {
            followers.remove(events);
        }
    }

    static PluginEvent of(Event event) {
        String topic = event.getTopic();
        String verb = topic.startsWith(PluginEvents.TOPIC_PREFIX)
                ? topic.substring(PluginEvents.TOPIC_PREFIX.length()).toLowerCase(Locale.ROOT) : topic;
        Object changed = event.getProperty(PluginEvents.CHANGED);
        List<String> ids = changed instanceof String[] array ? Arrays.asList(array) : List.of();
        return new PluginEvent(verb, text(event, PluginEvents.ID), text(event, PluginEvents.VERSION),
                text(event, PluginEvents.PREVIOUS_VERSION), text(event, PluginEvents.STATE), ids,
                Boolean.TRUE.equals(event.getProperty(PluginEvents.SUCCEEDED)), text(event, PluginEvents.ERROR_CODE),
                text(event, PluginEvents.MESSAGE), text(event, PluginEvents.ORIGIN));
    }

    private static String text(Event event, String property) {
        Object value = event.getProperty(property);
        return value == null ? null : String.valueOf(value);
    }
}
