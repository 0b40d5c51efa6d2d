package com.sintra.shell;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

import com.sintra.base.Subscription;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;

/**
 * Hands a committed change on to the components of every open UI on this node that subscribed: parts of the
 * shell that show a name (the switcher, the user menu) otherwise kept the old one until the next reload.
 * Subclasses receive the event with {@code @TransactionalEventListener} and call {@link #deliver}.
 */
abstract class Broadcast<E> {

    private final Set<Consumer<E>> listeners = new CopyOnWriteArraySet<>();

    /** The listener runs in the given UI: directly in its own request, through {@code ui.access} from another's. */
    Subscription subscribe(UI ui, Consumer<E> listener) {
        Consumer<E> inUi = event -> {
            if (UI.getCurrent() == ui) {
                listener.accept(event);
            } else {
                try {
                    ui.access(() -> listener.accept(event));
                } catch (UIDetachedException closedMeanwhile) {
                    // The tab went away between the change and now: nothing left to update.
                }
            }
        };
        listeners.add(inUi);
        return () -> listeners.remove(inUi);
    }

    protected void deliver(E event) {
        listeners.forEach(listener -> listener.accept(event));
    }
}
