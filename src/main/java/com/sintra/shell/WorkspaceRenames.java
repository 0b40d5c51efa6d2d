package com.sintra.shell;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import com.sintra.base.Subscription;
import com.sintra.workspace.WorkspaceRenamed;

/**
 * Hands renames on to the switchers of every open UI on this node, once the new name is committed: the
 * switcher otherwise kept the old name until the next reload.
 */
@Component
class WorkspaceRenames {

    private final Set<Consumer<WorkspaceRenamed>> listeners = new CopyOnWriteArraySet<>();

    Subscription subscribe(Consumer<WorkspaceRenamed> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void renamed(WorkspaceRenamed event) {
        listeners.forEach(listener -> listener.accept(event));
    }
}
