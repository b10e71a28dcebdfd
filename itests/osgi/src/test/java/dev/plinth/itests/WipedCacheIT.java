package dev.plinth.itests;

import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.io.IOException;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;

/** With the framework cache wiped at every start, the manager rebuilds plugins, versions and states from its store. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class WipedCacheIT extends RestartScenario {

    @Configuration
    public Option[] configuration() throws IOException {
        java.nio.file.Path home = home(WipedCacheIT.class);
        return options(home, frameworkProperty("org.osgi.framework.storage").value(home.resolve("cache").toString()),
                frameworkProperty("org.osgi.framework.storage.clean").value("onFirstInit"));
    }
}
