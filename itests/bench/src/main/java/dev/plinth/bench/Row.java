package dev.plinth.bench;

/**
 * One line of the harness's table: a measure, Plinth's figure and the reference runtimes' figures
 * taken in the same run.
 *
 * @param key the metric's name in the {@code RESULT} lines and {@code results.json}
 * @param reference the primary reference's figure (bare Felix: with Gogo, FileInstall with {@code poll=50}, or
 *        driven from Gogo), null when the measure has none
 * @param defaultPoll the figure of Felix FileInstall with its default poll, null when not measured
 * @param target Plinth's target as text, empty when there is none; shown, never checked
 * @param karaf the figure of Apache Karaf 4.4.10 on the same measure in the same run, null when not measured
 */
record Row(String section, String key, String measure, String unit, Figure plinth, Figure reference,
        Figure defaultPoll, String target, Figure karaf) {

    Row(String section, String key, String measure, String unit, Figure plinth, Figure reference,
            Figure defaultPoll, String target) {
        this(section, key, measure, unit, plinth, reference, defaultPoll, target, null);
    }

    /** Plinth's median over the reference's; NaN without a reference or a unit (an exponent is no quantity). */
    double ratio() {
        return ratio(reference);
    }

    double ratioToDefaultPoll() {
        return ratio(defaultPoll);
    }

    double ratioToKaraf() {
        return ratio(karaf);
    }

    private double ratio(Figure other) {
        if (plinth == null || other == null || other.median() == 0 || unit.isEmpty()) {
            return Double.NaN;
        }
        return plinth.median() / other.median();
    }
}
