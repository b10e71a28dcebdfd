package dev.plinth.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StartupTimelineTest {

    @Test
    void phasesAreOrderedByTheirMedianEndAndTakeTheTimeSinceThePhaseBefore() {
        List<TimelinePhase> phases = StartupTimeline.phases(List.of(
                Map.of("ready", 900.0, "jvm", 30.0, "level 1", 400.0),
                Map.of("ready", 1100.0, "jvm", 40.0, "level 1", 300.0),
                Map.of("ready", 1000.0, "jvm", 20.0, "level 1", 500.0)));

        assertEquals(List.of("jvm", "level 1", "ready"), phases.stream().map(TimelinePhase::phase).toList());
        assertEquals(30.0, phases.get(0).took());
        assertEquals(370.0, phases.get(1).took());
        assertEquals(600.0, phases.get(2).took());
        assertEquals(List.of(900.0, 1100.0, 1000.0), phases.get(2).at().values());
    }

    @Test
    void aPhaseMissingFromARunIsLeftOut() {
        List<TimelinePhase> phases = StartupTimeline.phases(List.of(Map.of("jvm", 30.0, "once", 50.0),
                Map.of("jvm", 20.0)));

        assertEquals(List.of("jvm"), phases.stream().map(TimelinePhase::phase).toList());
    }
}
