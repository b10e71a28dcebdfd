package dev.plinth.itests;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;

/** With the framework cache wiped at every start, the manager rebuilds plugins, versions and states from its store. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class WipedCacheIT extends RestartScenario {

    @Override
    protected String storageClean() {
        return "onFirstInit";
    }
}
