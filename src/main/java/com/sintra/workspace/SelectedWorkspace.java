package com.sintra.workspace;

import java.util.Optional;

import org.springframework.stereotype.Component;

import com.vaadin.flow.spring.annotation.VaadinSessionScope;

/**
 * The workspace a browser session is working in: chosen in the top bar's switcher or by opening a
 * workspace. A fresh session starts in the first of the user's workspaces. Once the selection is
 * cleared, or the selected workspace is archived or the user leaves it, there is no selection until the
 * user picks one: silently moving to another workspace once made an agent land in the wrong one.
 * Always re-checked against membership.
 */
@Component
@VaadinSessionScope
public class SelectedWorkspace {

    private final WorkspaceService workspaces;
    private WorkspaceId selected;
    /** True once a selection existed and went away: from then on only the user chooses. */
    private boolean lost;

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
                // Treated as archived: gone from this user's point of view.
            }
            clear();
        }
        if (lost) {
            return Optional.empty();
        }
        Optional<Workspace> first = workspaces.myWorkspaces(false).stream().findFirst();
        first.ifPresent(w -> selected = w.id());
        return first;
    }

    /** Whether {@code id} is the selection (without reading the database). */
    public boolean isSelected(WorkspaceId id) {
        return id.equals(selected);
    }

    /** Selects a workspace the caller belongs to; throws NotFoundException otherwise. */
    public Workspace select(WorkspaceId id) {
        Workspace workspace = workspaces.get(id);
        selected = workspace.id();
        lost = false;
        return workspace;
    }

    /** No workspace is selected until the user picks one (after the selected one was archived, say). */
    public void clear() {
        selected = null;
        lost = true;
    }
}
