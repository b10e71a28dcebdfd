package dev.plinth.maven.run;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Runs the project's plugin in a local Plinth: unpacks the distribution into {@code target/plinth}, deploys the
 * project's jar, starts the runtime, and upgrades the plugin in place through the deploy directory whenever a
 * {@code mvn package} writes a new jar. Stopping the goal (Ctrl-C) stops the runtime. Refuses a home a Plinth already
 * runs on, before touching it; fails when the runtime it started ends on its own. See docs/maven-plugin.md.
 */
@Mojo(name = "run", requiresProject = true, threadSafe = true)
@Execute(phase = LifecyclePhase.PACKAGE)
public final class RunMojo extends AbstractMojo {

    /** A runtime that stops closes the event stream first: how long a closed stream may wait for the runtime's end. */
    private static final Duration STREAM_ENDS_WITH_STOP = Duration.ofSeconds(30);

    private static final long STOP_SECONDS = 60;

    @Parameter(defaultValue = "${project}", readonly = true)
    private MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true)
    private MavenSession session;

    @Parameter(defaultValue = "${plugin.version}", readonly = true)
    private String pluginVersion;

    @Component
    private RepositorySystem repositorySystem;

    /** The runtime's home; unpacked afresh when the distribution changed. */
    @Parameter(property = "plinth.home", defaultValue = "${project.build.directory}/plinth")
    private File home;

    /** The HTTP port of the REST API (and console). */
    @Parameter(property = "plinth.httpPort", defaultValue = "8181")
    private int httpPort;

    /** Unpack the distribution afresh, dropping data/ (installed plugins, settings, storage). */
    @Parameter(property = "plinth.clean", defaultValue = "false")
    private boolean clean;

    /** JVM options for the runtime, added to PLINTH_OPTS. */
    @Parameter(property = "plinth.jvmOptions")
    private String jvmOptions;

    /** The console in this terminal: auto (when there is a terminal), true or false. */
    @Parameter(property = "plinth.console", defaultValue = "auto")
    private String console;

    /** How long the runtime may take to start with the plugin enabled, in seconds. */
    @Parameter(property = "plinth.startTimeout", defaultValue = "120")
    private int startTimeout;

    /** The jar the project builds, watched for new builds. */
    @Parameter(defaultValue = "${project.build.directory}/${project.build.finalName}.jar", required = true)
    private File jar;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        Path jarFile = jar.toPath().toAbsolutePath();
        Path homeDir = home.toPath().toAbsolutePath().normalize();
        boolean withConsole = withConsole();
        if (httpPort < 1 || httpPort > 65535) {
            throw new MojoExecutionException("plinth.httpPort must be a port (1-65535), not " + httpPort);
        }
        refuseRunning(homeDir);
        JarCheck.Bundle bundle;
        try {
            bundle = JarCheck.bundle(jarFile);
        } catch (IOException e) {
            throw new MojoExecutionException("the project's jar cannot be deployed: " + e.getMessage()
                    + " (is the bnd-maven-plugin configured? the parent plinth-plugin-parent does it)", e);
        }
        Path archive = distribution();
        DeployCopy.Deployed first;
        try {
            if (RuntimeHome.prepare(archive, homeDir, clean)) {
                getLog().info("Plinth " + pluginVersion + " unpacked in " + homeDir);
            } else {
                getLog().info("Plinth " + pluginVersion + " in " + homeDir + " (data/ kept; -Dplinth.clean for a fresh one)");
            }
            first = DeployCopy.copy(jarFile, homeDir.resolve("deploy"), deployName(bundle));
        } catch (IOException e) {
            throw new MojoExecutionException("cannot prepare " + homeDir + ": " + e.getMessage(), e);
        }

        RuntimeApi api = new RuntimeApi(httpPort, homeDir);
        RuntimeProcess runtime;
        try {
            runtime = RuntimeProcess.start(homeDir, httpPort, jvmOptions, withConsole, line -> getLog().info(line));
        } catch (IOException e) {
            throw new MojoExecutionException("cannot start " + homeDir.resolve("bin/plinth") + ": " + e.getMessage(), e);
        }
        Thread stopper = new Thread(() -> {
            try {
                runtime.stop(STOP_SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "plinth-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            String running = awaitEnabled(runtime, api, bundle, homeDir);
            getLog().info("Plinth runs " + bundle.symbolicName() + " " + running + ": REST API "
                    + api.base() + " (token: " + api.tokenFile() + "), plugin routes " + api.base() + "plugin/"
                    + bundle.symbolicName() + "/, shell " + homeDir.resolve("bin/plinth")
                    + " exec '...'. Watching " + jarFile + "; Ctrl-C stops.");
            Upgrades upgrades = new Upgrades(bundle, homeDir.resolve("deploy"), deployName(bundle), getLog(),
                    homeDir);
            upgrades.seen(first.sha256());
            api.follow(upgrades::event, ended -> {
                if (!runtime.stopping() && !runtime.endsWithin(STREAM_ENDS_WITH_STOP)) {
                    getLog().warn("Plinth: " + ended + "; upgrades are still deployed but no longer reported");
                }
            });
            try (JarWatcher watcher = new JarWatcher(jarFile, upgrades)) {
                Thread watching = new Thread(watcher::run, "plinth-watch");
                watching.setDaemon(true);
                watching.start();
                catchUp(jarFile, upgrades);
                int status = runtime.waitFor();
                if (status != 0 && !runtime.stopping()) {
                    throw new MojoExecutionException("Plinth ended on its own (exit status " + status + ")"
                            + output(runtime));
                }
                getLog().info("Plinth stopped (exit status " + status + ")");
            }
        } catch (IOException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("interrupted", e);
        } finally {
            try {
                runtime.stop(STOP_SECONDS);
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook stops the runtime
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Fails, before the home is touched, when a Plinth runs on it (another goal's, an orphan, bin/plinth's). */
    private static void refuseRunning(Path homeDir) throws MojoFailureException, MojoExecutionException {
        OptionalLong running;
        try {
            running = RunningRuntime.on(homeDir);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot tell whether a Plinth runs on " + homeDir + ": " + e.getMessage(),
                    e);
        }
        if (running.isPresent()) {
            throw new MojoFailureException("Plinth is already running on " + homeDir + " (pid "
                    + running.getAsLong() + "): stop it first (bin/plinth stop, or the other mvn plinth:run)");
        }
    }

    /** The last lines of the runtime's output, or where it is. */
    private static String output(RuntimeProcess runtime) throws InterruptedException {
        String output = runtime.lastLines();
        return output.isEmpty() ? "; its output is above" : ":" + System.lineSeparator() + output;
    }

    /**
     * Fails unless the runtime that answered is the one this goal started: its process still runs and holds the
     * home.
     */
    private static void requireOwn(RuntimeProcess runtime, Path homeDir)
            throws MojoExecutionException, InterruptedException, IOException {
        if (!runtime.alive()) {
            throw new MojoExecutionException("Plinth did not start (exit status " + runtime.exitValue() + ")"
                    + output(runtime));
        }
        OptionalLong holder = RunningRuntime.on(homeDir);
        if (holder.isPresent() && holder.getAsLong() != runtime.pid()) {
            throw new MojoExecutionException("another Plinth (pid " + holder.getAsLong() + ") runs on " + homeDir
                    + ", not the one this goal started (pid " + runtime.pid() + "): stop it first");
        }
    }

    /** A build written while the runtime started, before the jar was watched, is deployed now. */
    private static void catchUp(Path jarFile, Upgrades upgrades) {
        try {
            JarCheck.bundle(jarFile);
            upgrades.jarReady(jarFile);
        } catch (IOException e) {
            // being written, or gone (mvn clean): its file events follow
        }
    }

    /** The file name in deploy/: one per plugin, so that each build replaces the last. */
    static String deployName(JarCheck.Bundle bundle) {
        return bundle.symbolicName() + ".jar";
    }

    private boolean withConsole() throws MojoExecutionException {
        switch (console.toLowerCase(Locale.ROOT)) {
            case "auto":
                return System.console() != null;
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new MojoExecutionException("plinth.console must be auto, true or false, not " + console);
        }
    }

    private Path distribution() throws MojoExecutionException {
        DefaultArtifact artifact = new DefaultArtifact("dev.plinth", "plinth-distribution", "", "tar.gz",
                pluginVersion);
        try {
            return repositorySystem.resolveArtifact(session.getRepositorySession(),
                    new ArtifactRequest(artifact, project.getRemoteProjectRepositories(), null))
                    .getArtifact().getFile().toPath();
        } catch (ArtifactResolutionException e) {
            throw new MojoExecutionException("cannot find the Plinth distribution " + artifact + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Waits until the runtime has the plugin enabled and returns its version; fails with the runtime's reason when it
     * stops or refuses. When the home already had an older build that runs on because the new one was refused, says
     * so and returns the running version.
     */
    private String awaitEnabled(RuntimeProcess runtime, RuntimeApi api, JarCheck.Bundle bundle, Path homeDir)
            throws MojoExecutionException, InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(startTimeout);
        String state = "not installed";
        long nextStatusCheck = System.nanoTime();
        while (System.nanoTime() < deadline) {
            if (!runtime.alive()) {
                requireOwn(runtime, homeDir);
            }
            Optional<JsonNode> plugin = api.plugin(bundle.symbolicName());
            boolean askDeployDirectory = api.lastStatus() == 404;
            if (plugin.isPresent()) {
                state = plugin.get().path("state").asText();
                String version = plugin.get().path("version").asText();
                if ("failed".equalsIgnoreCase(state)) {
                    throw new MojoExecutionException("Plinth installed " + bundle.symbolicName() + " " + version
                            + " but it failed to start: " + plugin.get().path("lastError").asText());
                }
                if ("enabled".equalsIgnoreCase(state) && version.equals(bundle.version())) {
                    requireOwn(runtime, homeDir);
                    return version;
                }
                askDeployDirectory = "enabled".equalsIgnoreCase(state);
                state = state + " at " + version;
            }
            if (askDeployDirectory && System.nanoTime() - nextStatusCheck >= 0) {
                nextStatusCheck = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                Optional<String> failure = DeployStatus.failure(homeDir, deployName(bundle));
                if (failure.isPresent() && plugin.isPresent()) {
                    String running = plugin.get().path("version").asText();
                    requireOwn(runtime, homeDir);
                    getLog().error("Plinth: " + bundle.symbolicName() + " " + bundle.version()
                            + " was not deployed: " + failure.get() + " (" + running + " runs on)");
                    return running;
                }
                if (failure.isPresent()) {
                    throw new MojoExecutionException("Plinth did not install " + bundle.symbolicName() + ": "
                            + failure.get());
                }
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new MojoExecutionException("Plinth did not enable " + bundle.symbolicName() + " " + bundle.version()
                + " within " + startTimeout + " s (state: " + state + ")" + (api.lastRefusal().isEmpty() ? ""
                        : "; " + api.lastRefusal()) + "; see " + homeDir.resolve("data/log/plinth.log"));
    }
}
