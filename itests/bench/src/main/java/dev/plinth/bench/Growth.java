package dev.plinth.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** How a time grows with the size of the input: the exponent k of a fitted t = c * n^k. */
final class Growth {

    private Growth() {
    }

    /**
     * The exponent fitted to the medians of the sizes that have a figure ({@code figureOfSize} gives null for the
     * others), or null when fewer than two sizes have one.
     */
    static Figure fitted(List<Integer> sizes, IntFunction<Figure> figureOfSize) {
        List<Integer> measured = new ArrayList<>();
        List<Double> medians = new ArrayList<>();
        for (int size : sizes) {
            Figure figure = figureOfSize.apply(size);
            if (figure != null) {
                measured.add(size);
                medians.add(figure.median());
            }
        }
        return measured.size() < 2 ? null : Figure.of(exponent(measured, medians));
    }

    /** The least-squares slope of log(time) over log(size); needs two sizes or more. */
    static double exponent(List<Integer> sizes, List<Double> times) {
        if (sizes.size() != times.size() || sizes.size() < 2) {
            throw new IllegalArgumentException("need two or more sizes with one time each");
        }
        int n = sizes.size();
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < n; i++) {
            meanX += Math.log(sizes.get(i)) / n;
            meanY += Math.log(times.get(i)) / n;
        }
        double covariance = 0;
        double variance = 0;
        for (int i = 0; i < n; i++) {
            double dx = Math.log(sizes.get(i)) - meanX;
            covariance += dx * (Math.log(times.get(i)) - meanY);
            variance += dx * dx;
        }
        return covariance / variance;
    }
}
