package dev.plinth.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.service.log.LoggerFactory;

/** Every logging API a bundle may use ends up in data/log/plinth.log. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LoggingIT {

    private static final Duration BOUND = Duration.ofSeconds(10);

    @Inject
    private BundleContext context;

    @Inject
    private LoggerFactory osgiLoggers;

    @Configuration
    public Option[] configuration() {
        return PlinthRuntime.options(LoggingIT.class);
    }

    private void awaitInLog(String marker) {
        Path log = Path.of(context.getProperty("plinth.log"), "plinth.log");
        Await.until(marker + " in " + log, BOUND, () -> {
            try {
                return Files.exists(log) && Files.readString(log).contains(marker);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    public void slf4j() {
        String marker = "slf4j-" + UUID.randomUUID();
        org.slf4j.LoggerFactory.getLogger(LoggingIT.class).info(marker);
        awaitInLog(marker);
    }

    @Test
    public void osgiLogService() {
        String marker = "osgi-log-" + UUID.randomUUID();
        osgiLoggers.getLogger("dev.plinth.itest").warn(marker);
        awaitInLog(marker);
    }

    @Test
    public void javaUtilLogging() {
        String marker = "jul-" + UUID.randomUUID();
        java.util.logging.Logger.getLogger("dev.plinth.itest").warning(marker);
        awaitInLog(marker);
    }
}
