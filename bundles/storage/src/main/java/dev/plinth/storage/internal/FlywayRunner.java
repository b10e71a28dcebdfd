package dev.plinth.storage.internal;

import java.io.Reader;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.output.ValidateResult;
import org.flywaydb.core.api.resource.LoadableResource;

import dev.plinth.common.FaultPoints;

/**
 * Runs Flyway on a plugin's database, always as the plugin's own user, in its own schema: migrations from the plugin
 * bundle to apply, from the archive to validate at plan time. Clean is disabled, all pending migrations run as one
 * group where the database rolls DDL back, and no migration state is ignored (a newer applied migration is not
 * silently accepted).
 */
final class FlywayRunner {

    /** The fault point after each applied migration, inside the migration run. */
    static final String MIGRATION_APPLIED = "storage.migration-applied";

    private static final String LOGGERS = slf4j() ? "slf4j" : null;

    /** How long one run of migrations may take by default (setting {@code migration.timeout.seconds}). */
    static final Duration DEFAULT_BOUND = Duration.ofMinutes(5);

    private final boolean group;
    private final Duration bound;

    /**
     * @param group whether all pending migrations run in one transaction: only where the database rolls DDL back
     *        ({@link Backend#rollsBackFailedMigrations()}); on H2 the snapshot takes a failure back instead
     */
    FlywayRunner(boolean group) {
        this(group, DEFAULT_BOUND);
    }

    /**
     * @param group as above
     * @param bound how long one run of migrations may take before it is stopped and fails
     */
    FlywayRunner(boolean group, Duration bound) {
        this.group = group;
        this.bound = bound;
    }

    /** Why a migration failed: the migration and the database's words. */
    static final class MigrationFailure extends Exception {

        private static final long serialVersionUID = 1L;

        MigrationFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static boolean slf4j() {
        try {
            Class.forName("org.slf4j.LoggerFactory", false, FlywayRunner.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            java.util.logging.Logger.getLogger("org.flywaydb").setLevel(Level.WARNING);
            return false;
        }
    }

    private FluentConfiguration configure(Backend.Database database, ResourceProvider resources) {
        FluentConfiguration configuration = Flyway.configure(FlywayRunner.class.getClassLoader())
                .dataSource(database.dataSource()).schemas(database.schema()).defaultSchema(database.schema())
                .createSchemas(false).cleanDisabled(true).group(group).ignoreMigrationPatterns("")
                .resourceProvider(resources).locations(MigrationName.FOLDER);
        if (LOGGERS != null) {
            configuration.loggers(LOGGERS);
        }
        return configuration;
    }

    /**
     * Applies the bundle's pending migrations; the fault point {@value #MIGRATION_APPLIED} after each.
     *
     * @return how many ran
     * @throws MigrationFailure naming the migration that failed and the database's message
     */
    int migrate(Backend.Database database, BundleMigrations migrations) throws MigrationFailure {
        return migrate(database, migrations, () -> { });
    }

    /**
     * As {@link #migrate(Backend.Database, BundleMigrations)}, within the bound: a run that takes longer is ended by
     * {@code stop} (which closes the database) and an interrupt, and fails naming the migration and the bound.
     */
    int migrate(Backend.Database database, BundleMigrations migrations, Runnable stop) throws MigrationFailure {
        List<JavaMigration> java;
        try {
            java = migrations.javaMigrations();
        } catch (IllegalStateException e) {
            throw new MigrationFailure(e.getMessage(), e);
        }
        AfterEach each = new AfterEach();
        FutureTask<Integer> run = new FutureTask<>(() -> configure(database, migrations)
                .javaMigrations(java.toArray(JavaMigration[]::new)).callbacks(each).load().migrate()
                .migrationsExecuted);
        Thread thread = new Thread(run, "plinth-storage-migration");
        thread.setDaemon(true);
        thread.setContextClassLoader(Thread.currentThread().getContextClassLoader());
        thread.start();
        try {
            return run.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            String running = each.current;
            stop.run();
            run.cancel(true);
            throw new MigrationFailure((running == null ? "the migrations" : "migration " + running)
                    + " did not finish within " + bound.toSeconds() + " s (the storage setting "
                    + "migration.timeout.seconds): it was stopped", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof FlywayException flyway) {
                throw new MigrationFailure(failure(flyway, each.current), flyway);
            }
            throw new MigrationFailure((each.current == null ? "" : "migration " + each.current + " failed: ")
                    + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.run();
            run.cancel(true);
            throw new MigrationFailure("the migrations were interrupted", e);
        }
    }

    /**
     * Checks the applied migrations against the archive's: an applied SQL migration whose file changed is a
     * problem; migrations the archive lacks (Java ones cannot be loaded before install: the newest applied may then
     * look like a future one, a downgrade is checked apart) and pending ones are not.
     *
     * @return what is wrong, or empty
     */
    Optional<String> validate(Backend.Database database, ArchiveMigrations archive) {
        try {
            ValidateResult result = configure(database, archive)
                    .ignoreMigrationPatterns("*:missing", "*:pending", "*:future").load().validateWithResult();
            if (result.validationSuccessful) {
                return Optional.empty();
            }
            if (result.invalidMigrations == null || result.invalidMigrations.isEmpty()) {
                return Optional.of(plain(result.getAllErrorMessages()));
            }
            return Optional.of(String.join("; ", result.invalidMigrations.stream().map(invalid -> plain(
                    (invalid.filepath == null ? "" : invalid.filepath + ": ") + (invalid.errorDetails == null
                            ? "does not match" : invalid.errorDetails.errorMessage))).toList()));
        } catch (FlywayException e) {
            return Optional.of(words(e));
        }
    }

    /**
     * Runs one migration on a throwaway database, validates it and reads its history, so that the first real plan
     * and run find Flyway loaded.
     */
    void warmUp(Backend.Database database) throws SQLException {
        try (Connection held = database.dataSource().getConnection()) {
            ResourceProvider one = new ResourceProvider() {
                private final LoadableResource resource = new WarmUpResource();

                @Override
                public LoadableResource getResource(String name) {
                    return name.endsWith(resource.getFilename()) ? resource : null;
                }

                @Override
                public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
                    return resource.getFilename().startsWith(prefix) ? List.of(resource) : List.of();
                }
            };
            Flyway flyway = configure(database, one).load();
            flyway.info();
            flyway.migrate();
            configure(database, one).ignoreMigrationPatterns("*:missing", "*:pending", "*:future").load()
                    .validateWithResult();
            HistoryTable.applied(database);
        }
    }

    /** The words of a failed run: the migration that was running, when Flyway does not say it, and the cause's. */
    static String failure(FlywayException e, String running) {
        String words = words(e);
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != e && root.getMessage() != null && !words.contains(root.getMessage().strip())) {
            words = words + " (" + root.getClass().getSimpleName() + ": " + root.getMessage().strip() + ")";
        }
        if (running != null && !words.contains(running)) {
            words = "migration " + running + " failed: " + words;
        }
        return words;
    }

    private static String words(FlywayException e) {
        return plain(e.getMessage() == null ? e.toString() : e.getMessage());
    }

    /**
     * Flyway's words on one line, without its advice that an operator cannot follow here (its {@code repair}, its
     * {@code -X} option, its web links).
     */
    static String plain(String message) {
        return message.strip().replaceAll("\\s*\\R\\s*", " ").replaceAll("-{3,}", "")
                .replaceAll("(?i)\\s*Either revert the changes to the migration, or run repair to update the schema "
                        + "history\\.?", " Put the migration back as it was when it was applied.")
                .replaceAll("(?i)\\s*[^.]*\\brun repair\\b[^.]*\\.?", "")
                .replaceAll("(?i)\\s*\\(?I?Run Flyway with -X option[^.)]*\\)?\\.?", "")
                .replaceAll("(?i)\\s*Need more flexibility with validation rules\\?", "")
                .replaceAll("(?i)\\s*Learn more:\\s*https?://\\S+", "")
                .replaceAll(" {2,}", " ").strip();
    }

    private static final class AfterEach implements Callback {

        /** The script (file or class) of the migration running, as Flyway names it. */
        volatile String current;

        @Override
        public boolean supports(Event event, Context context) {
            return event == Event.AFTER_EACH_MIGRATE || event == Event.BEFORE_EACH_MIGRATE;
        }

        @Override
        public boolean canHandleInTransaction(Event event, Context context) {
            return true;
        }

        @Override
        public void handle(Event event, Context context) {
            if (event == Event.BEFORE_EACH_MIGRATE) {
                current = context.getMigrationInfo() == null ? null : "V" + context.getMigrationInfo().getVersion()
                        + "__" + context.getMigrationInfo().getDescription().replace(' ', '_');
                return;
            }
            FaultPoints.reach(MIGRATION_APPLIED);
        }

        @Override
        public String getCallbackName() {
            return "plinth-fault-points";
        }
    }

    private static final class WarmUpResource extends LoadableResource {

        @Override
        public Reader read() {
            return new StringReader("CREATE TABLE WARM_UP(ID INT); INSERT INTO WARM_UP VALUES (1);");
        }

        @Override
        public String getAbsolutePath() {
            return "db/migration/V1__warm_up.sql";
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return getAbsolutePath();
        }

        @Override
        public String getFilename() {
            return "V1__warm_up.sql";
        }

        @Override
        public String getRelativePath() {
            return getAbsolutePath();
        }
    }
}
