package dev.plinth.itests;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;

/** States and versions survive a restart of the framework that keeps its cache. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class RestartIT extends RestartScenario {

    @Override
    protected String storageClean() {
        return "none";
    }
}
