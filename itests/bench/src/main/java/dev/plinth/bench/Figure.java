package dev.plinth.bench;

import java.util.Arrays;
import java.util.List;

/** One runtime's figures on one measure, one value per run, in the unit of their row. */
record Figure(List<Double> values) {

    Figure {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a figure needs at least one value");
        }
        values = List.copyOf(values);
    }

    static Figure of(double... values) {
        return new Figure(Arrays.stream(values).boxed().toList());
    }

    /** Microseconds as milliseconds. */
    static Figure millisOfMicros(List<Long> micros) {
        return new Figure(micros.stream().map(value -> value / 1000.0).toList());
    }

    /** The middle value; for an even count, the mean of the two middle values. */
    double median() {
        double[] sorted = sorted();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    double min() {
        return sorted()[0];
    }

    double max() {
        double[] sorted = sorted();
        return sorted[sorted.length - 1];
    }

    private double[] sorted() {
        return values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }
}
