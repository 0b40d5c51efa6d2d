package com.sintra.workspace;

import java.util.Optional;

import org.springframework.stereotype.Component;

import com.vaadin.flow.spring.annotation.VaadinSessionScope;

/**
 * The workspace a browser session is working in: chosen in the top bar's switcher or by opening a
 * workspace. Defaults to the first of the user's workspaces. Always re-checked against membership.
 */
@Component
@VaadinSessionScope
public class SelectedWorkspace {

    private final WorkspaceService workspaces;
    private WorkspaceId selected;

    SelectedWorkspace(WorkspaceService workspaces) {
        this.workspaces = workspaces;
    }

    public Optional<Workspace> current() {
        if (selected != null) {
            try {
                Workspace workspace = workspaces.get(selected);
                if (!workspace.archived()) {
                    return Optional.of(workspace);
                }
            } catch (com.sintra.base.NotFoundException removedFromIt) {
                selected = null;
            }
        }
        Optional<Workspace> first = workspaces.myWorkspaces(false).stream().findFirst();
        first.ifPresent(w -> selected = w.id());
        return first;
    }

    /** Selects a workspace the caller belongs to; throws NotFoundException otherwise. */
    public Workspace select(WorkspaceId id) {
        Workspace workspace = workspaces.get(id);
        selected = workspace.id();
        return workspace;
    }
}
