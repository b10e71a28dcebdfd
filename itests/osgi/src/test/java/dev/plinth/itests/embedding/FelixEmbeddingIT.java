package dev.plinth.itests.embedding;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** The embedding scenarios in Apache Felix (the failsafe run whose class path has Felix and not Equinox). */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FelixEmbeddingIT extends EmbeddingScenarios {

    @Override
    protected EmbeddingFramework framework() {
        return EmbeddingFramework.FELIX;
    }
}
