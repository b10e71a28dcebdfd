package dev.plinth.itests.embedding;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** The embedding scenarios in Eclipse Equinox (the failsafe run whose class path has Equinox and not Felix). */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EquinoxEmbeddingIT extends EmbeddingScenarios {

    @Override
    protected EmbeddingFramework framework() {
        return EmbeddingFramework.EQUINOX;
    }
}
