package dev.plinth.itests;

import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.io.IOException;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;

/** States and versions survive a restart of the framework that keeps its cache. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class RestartIT extends RestartScenario {

    @Configuration
    public Option[] configuration() throws IOException {
        java.nio.file.Path home = home(RestartIT.class);
        return options(home, frameworkProperty("org.osgi.framework.storage").value(home.resolve("cache").toString()),
                frameworkProperty("org.osgi.framework.storage.clean").value("none"));
    }
}
