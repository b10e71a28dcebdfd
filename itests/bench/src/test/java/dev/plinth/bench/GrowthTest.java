package dev.plinth.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class GrowthTest {

    @Test
    void linearQuadraticAndConstantTimes() {
        List<Integer> sizes = List.of(100, 500, 2000);
        assertEquals(1.0, Growth.exponent(sizes, List.of(10.0, 50.0, 200.0)), 1e-9);
        assertEquals(2.0, Growth.exponent(sizes, List.of(1.0, 25.0, 400.0)), 1e-9);
        assertEquals(0.0, Growth.exponent(sizes, List.of(7.0, 7.0, 7.0)), 1e-9);
    }

    @Test
    void noisyTimesGetTheLeastSquaresSlope() {
        double k = Growth.exponent(List.of(100, 500, 2000), List.of(100.0, 600.0, 1900.0));
        assertEquals(0.99, k, 0.02);
    }

    @Test
    void theFitSkipsSizesWithoutAFigure() {
        Figure fitted = Growth.fitted(List.of(100, 500, 2000),
                size -> size == 2000 ? null : Figure.of(size / 10.0, size / 5.0, size / 10.0));
        assertEquals(1.0, fitted.median(), 1e-9);
        assertEquals(null, Growth.fitted(List.of(100, 500), size -> size == 500 ? null : Figure.of(1)));
    }

    @Test
    void oneSizeIsNotEnough() {
        assertThrows(IllegalArgumentException.class, () -> Growth.exponent(List.of(100), List.of(1.0)));
    }
}
