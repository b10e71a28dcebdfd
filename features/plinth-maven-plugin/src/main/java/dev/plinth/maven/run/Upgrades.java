package dev.plinth.maven.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.maven.plugin.logging.Log;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Deploys each new build of the jar and reports, in one line, what the runtime made of it: the version now active
 * (from the manager's event of the deploy directory's upgrade), or why not.
 */
final class Upgrades implements JarWatcher.Listener {

    /** How long to wait for the runtime's answer before asking the deploy directory's status. */
    static final long ANSWER_SECONDS = 30;

    private final String pluginId;
    private final Path deployDirectory;
    private final String deployName;
    private final Log log;
    private final Path home;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "plinth-upgrade-timer");
        thread.setDaemon(true);
        return thread;
    });

    private String lastSha256;
    private Pending pending;

    private record Pending(String version, long writtenMillis, ScheduledFuture<?> timeout) {
    }

    Upgrades(JarCheck.Bundle bundle, Path deployDirectory, String deployName, Log log, Path home) {
        this.pluginId = bundle.symbolicName();
        this.deployDirectory = deployDirectory;
        this.deployName = deployName;
        this.log = log;
        this.home = home;
    }

    /** The content already deployed. */
    synchronized void seen(String sha256) {
        lastSha256 = sha256;
    }

    @Override
    public void jarReady(Path jar) {
        long written;
        String sha256;
        DeployCopy.Deployed deployed;
        synchronized (this) {
            try {
                written = Files.getLastModifiedTime(jar).toMillis();
                sha256 = DeployCopy.sha256(jar);
            } catch (IOException e) {
                log.warn("Plinth: " + jar.getFileName() + " not deployed: " + e.getMessage());
                return;
            }
            if (sha256.equals(lastSha256)) {
                return;
            }
            try {
                deployed = DeployCopy.copy(jar, deployDirectory, deployName, pluginId);
            } catch (DeployCopy.OtherPlugin e) {
                lastSha256 = sha256;
                log.warn("Plinth: " + jar.getFileName() + " now holds " + e.symbolicName() + ", not " + pluginId
                        + ": not deployed (the running " + pluginId + " stays); restart the goal to follow it");
                return;
            } catch (IOException e) {
                log.warn("Plinth: " + jar.getFileName() + " not deployed: " + e.getMessage());
                return;
            }
            lastSha256 = deployed.sha256();
            if (pending != null) {
                pending.timeout().cancel(false);
            }
            String version = deployed.bundle().version();
            pending = new Pending(version, written, timer.schedule(() -> noAnswer(version), ANSWER_SECONDS,
                    TimeUnit.SECONDS));
        }
    }

    @Override
    public void jarIncomplete(Path jar, String reason) {
        log.warn("Plinth: " + jar.getFileName() + " changed but is not deployed: " + reason);
    }

    /** An event of the runtime's {@code /api/events}. */
    void event(JsonNode event) {
        if (!pluginId.equals(event.path("id").asText()) || !"deploy".equals(event.path("origin").asText())) {
            return;
        }
        Pending answered;
        synchronized (this) {
            answered = pending;
            if (answered == null) {
                return;
            }
            pending = null;
            answered.timeout().cancel(false);
        }
        long ms = System.currentTimeMillis() - answered.writtenMillis();
        if (event.path("succeeded").asBoolean()) {
            log.info("Plinth: " + EventLine.succeeded(pluginId, event, ms));
        } else {
            log.error("Plinth: " + EventLine.failed(pluginId, answered.version(), event));
        }
    }

    private void noAnswer(String version) {
        synchronized (this) {
            if (pending == null || !pending.version().equals(version)) {
                return;
            }
            pending = null;
        }
        try {
            Optional<JsonNode> status = DeployStatus.of(home, deployName);
            log.warn("Plinth: no answer for " + pluginId + " " + version + " after " + ANSWER_SECONDS
                    + " s; the deploy directory says: " + status.map(s -> s.path("status").asText() + " "
                            + s.path("version").asText() + " " + s.path("message").asText()).orElse("nothing"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
