package dev.plinth.itests.reliability;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints the suite's closing summary when the test run ends: {@code reliability: N passed, M failed} and the counts
 * of crash points, inputs and operations. Registered through {@code META-INF/services}; counts the tests of this
 * package only, and a class or parameter source that fails as a whole as one failure.
 */
public final class ReliabilitySummary implements TestExecutionListener {

    private final AtomicInteger passed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger skipped = new AtomicInteger();
    private long started;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        started = System.nanoTime();
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (!test.getUniqueId().contains(ReliabilitySummary.class.getPackageName())) {
            return;
        }
        if (!test.isTest()) {
            if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                failed.incrementAndGet();
            }
            return;
        }
        switch (result.getStatus()) {
            case SUCCESSFUL -> passed.incrementAndGet();
            case ABORTED -> skipped.incrementAndGet();
            default -> failed.incrementAndGet();
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (passed.get() + failed.get() == 0) {
            return;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.println("reliability: " + passed + " passed, " + failed + " failed");
        System.out.println("reliability: " + Figures.line() + "; took " + took.toSeconds() + " s"
                + (skipped.get() == 0 ? "" : "; " + skipped + " skipped (see their reason)"));
        System.out.flush();
    }
}
