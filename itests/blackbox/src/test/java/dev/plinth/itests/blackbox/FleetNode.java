package dev.plinth.itests.blackbox;

import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * One runtime of a {@link FleetHarness}: a home unpacked from the distribution with its fleet configuration, run as
 * {@code bin/plinth daemon} with its REST API on a port of its own that it keeps across restarts; read and driven
 * over REST ({@code /api/fleet...}, {@code /api/plugins}) and {@code bin/plinth exec}.
 */
public final class FleetNode {

    private final String name;
    private final Plinth plinth;
    private final int port;
    private RestRuntime running;

    FleetNode(String name, Plinth plinth, int port) {
        this.name = name;
        this.plinth = plinth;
        this.port = port;
    }

    public String name() {
        return name;
    }

    public Path home() {
        return plinth.home();
    }

    public Plinth plinth() {
        return plinth;
    }

    public synchronized boolean running() {
        return running != null && running.process().process.isAlive();
    }

    /** Starts the daemon and waits for its ready line and its REST API's endpoint file. */
    public synchronized FleetNode start() throws Exception {
        if (running()) {
            throw new IllegalStateException(name + " runs already");
        }
        Files.deleteIfExists(home().resolve("data/rest/endpoint"));
        running = RestRuntime.start(plinth, port);
        return this;
    }

    /** Stops the daemon as an operator would (SIGTERM) and waits for it to end. */
    public synchronized void stop() throws Exception {
        if (running != null) {
            try {
                running.close();
            } finally {
                running = null;
            }
        }
    }

    /** Kills the runtime's JVM ({@code kill -9}) and waits for it to be gone. */
    public synchronized void kill() throws Exception {
        if (running == null) {
            return;
        }
        Plinth.Running process = running.process();
        running = null;
        process.signal("KILL");
        Plinth.Result ended = process.await(Plinth.BOUND);
        if (ended.exit() != 137) {
            throw new AssertionError(name + ": expected exit status 137 after kill -9\n" + ended);
        }
    }

    /** The REST client of the running daemon. */
    public synchronized RestRuntime rest() {
        if (running == null) {
            throw new IllegalStateException(name + " is not running");
        }
        return running;
    }

    /** The daemon's output so far (for failure messages). */
    public synchronized String output() {
        return running == null ? "(not running)" : running.process().out() + running.process().err();
    }

    /** {@code GET /api/fleet}: the group's status as this node reads it; fails unless 200. */
    public JsonObject fleet() throws IOException, InterruptedException {
        return ok(rest().get("/api/fleet")).object();
    }

    /** This node's own entry of {@code GET /api/fleet/nodes} as {@code other} reads it. */
    public JsonObject statusOf(String node) throws IOException, InterruptedException {
        for (JsonValue value : ok(rest().get("/api/fleet/nodes")).array()) {
            if (value.asJsonObject().getString("name").equals(node)) {
                return value.asJsonObject();
            }
        }
        throw new AssertionError(name + " does not list node " + node);
    }

    /** Every plugin of this runtime as id → "version state", from {@code GET /api/plugins}. */
    public Map<String, String> plugins() throws IOException, InterruptedException {
        Map<String, String> plugins = new TreeMap<>();
        for (JsonValue value : ok(rest().get("/api/plugins")).array()) {
            JsonObject plugin = value.asJsonObject();
            plugins.put(plugin.getString("id"), plugin.getString("version") + " " + plugin.getString("state"));
        }
        return plugins;
    }

    /** {@code POST /api/fleet/generations[?dryRun=true]} with {@code body}, answered as it comes. */
    public RestRuntime.Response publish(String body, boolean dryRun) throws IOException, InterruptedException {
        return rest().post("/api/fleet/generations" + (dryRun ? "?dryRun=true" : ""), rest().adminToken(),
                "application/json", BodyPublishers.ofString(body));
    }

    /** {@code POST /api/fleet/rollback[?dryRun=true]}, answered as it comes. */
    public RestRuntime.Response rollback(boolean dryRun) throws IOException, InterruptedException {
        return rest().post("/api/fleet/rollback" + (dryRun ? "?dryRun=true" : ""));
    }

    /** Runs {@code bin/plinth exec program} on this home (in the running daemon), whatever its exit status. */
    public Plinth.Result exec(String program) throws IOException, InterruptedException {
        return plinth.run(null, "exec", program);
    }

    /** Writes {@link HeldStartActivator#HOLD} in the home: the held plugins' starts wait until {@link #release()}. */
    public void hold() throws IOException {
        Files.deleteIfExists(home().resolve(HeldStartActivator.HELD));
        Files.writeString(home().resolve(HeldStartActivator.HOLD), "");
    }

    /** Waits until a held plugin's start is under way on this node. */
    public void awaitHeld(Duration bound) throws InterruptedException {
        Path held = home().resolve(HeldStartActivator.HELD);
        Await.until(name + ": a held start (" + held + ")", bound, () -> Files.exists(held), Boolean::booleanValue);
    }

    /** Lets held starts go on. */
    public void release() throws IOException {
        Files.deleteIfExists(home().resolve(HeldStartActivator.HOLD));
    }

    private RestRuntime.Response ok(RestRuntime.Response response) {
        if (response.status() != 200) {
            throw new AssertionError(name + ": expected 200, got " + response);
        }
        return response;
    }

    @Override
    public String toString() {
        return name;
    }
}
