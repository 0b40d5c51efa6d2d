package com.sintra.shell;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import com.sintra.workspace.WorkspaceRenamed;

/** Workspace renames, for the switchers of the open UIs, once the new name is committed. */
@Component
class WorkspaceRenames extends Broadcast<WorkspaceRenamed> {

    @TransactionalEventListener(fallbackExecution = true)
    void renamed(WorkspaceRenamed event) {
        deliver(event);
    }
}
