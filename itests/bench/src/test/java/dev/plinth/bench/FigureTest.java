package dev.plinth.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class FigureTest {

    @Test
    void medianMinAndMaxOfOddAndEvenCounts() {
        Figure odd = Figure.of(30, 10, 20);
        assertEquals(20, odd.median());
        assertEquals(10, odd.min());
        assertEquals(30, odd.max());
        assertEquals(25, Figure.of(40, 10, 20, 30).median());
    }

    @Test
    void microsecondsBecomeMilliseconds() {
        assertEquals(List.of(1.5, 20.0), Figure.millisOfMicros(List.of(1500L, 20000L)).values());
    }

    @Test
    void aFigureHasAValue() {
        assertThrows(IllegalArgumentException.class, () -> Figure.of());
    }
}
