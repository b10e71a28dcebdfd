package dev.plinth.manager.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * One commit as a line of the changes file: the records it added or replaced and the ids it removed, taking the
 * state of sequence {@code base} to the state of {@code sequence}.
 */
record StoreChange(long sequence, long base, List<StoredPlugin> plugins, List<String> removed) {

    StoreChange {
        plugins = List.copyOf(plugins);
        removed = List.copyOf(removed);
    }

    /** What takes {@code before} to {@code after}: the records added or changed, and the ids gone. */
    static StoreChange between(StoreState before, StoreState after) {
        List<StoredPlugin> changed = new ArrayList<>();
        for (StoredPlugin plugin : after.all()) {
            StoredPlugin was = before.plugins().get(plugin.id());
            if (was != plugin && !plugin.equals(was)) {
                changed.add(plugin);
            }
        }
        List<String> gone = new ArrayList<>();
        for (String id : before.plugins().keySet()) {
            if (!after.plugins().containsKey(id)) {
                gone.add(id);
            }
        }
        return new StoreChange(after.sequence(), before.sequence(), changed, gone);
    }

    /** How many records it adds, replaces or removes. */
    int size() {
        return plugins.size() + removed.size();
    }

    /** The state this change makes of {@code state}, whose sequence must be {@link #base()}. */
    StoreState applyTo(StoreState state) {
        if (state.sequence() != base || sequence <= base) {
            throw new IllegalArgumentException("the change from " + base + " to " + sequence + " does not follow the "
                    + "state of sequence " + state.sequence());
        }
        return laidOver(state);
    }

    /** {@code state} with this change's records laid over it and its removed ids gone, at its sequence. */
    StoreState laidOver(StoreState state) {
        return new StoreState(sequence, state.withAll(plugins).withoutAll(removed).plugins());
    }
}
