package dev.plinth.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one run of the harness measured: the rows in the order they were taken, the reference each
 * section compares with, and notes (a runtime skipped or stopped, why).
 */
final class Results {

    private final Map<String, String> references = new LinkedHashMap<>();
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, List<TimelinePhase>> timelines = new LinkedHashMap<>();

    /** Names what the reference column means in {@code section}. */
    void section(String section, String reference) {
        references.put(section, reference);
    }

    void add(Row row) {
        if (!references.containsKey(row.section())) {
            throw new IllegalArgumentException("no section " + row.section());
        }
        rows.add(row);
    }

    /** Adds a startup timeline, its phases in the order they end. */
    void timeline(String name, List<TimelinePhase> phases) {
        timelines.put(name, List.copyOf(phases));
    }

    Map<String, List<TimelinePhase>> timelines() {
        return java.util.Collections.unmodifiableMap(timelines);
    }

    void note(String note) {
        notes.add(note);
    }

    Map<String, String> references() {
        return Map.copyOf(references);
    }

    List<String> sections() {
        return List.copyOf(references.keySet());
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    List<Row> rows(String section) {
        return rows.stream().filter(row -> row.section().equals(section)).toList();
    }

    List<String> notes() {
        return List.copyOf(notes);
    }
}
