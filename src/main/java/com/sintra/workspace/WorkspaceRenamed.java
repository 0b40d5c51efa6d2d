package com.sintra.workspace;

/** A workspace got a new name: whatever shows the old one (the top bar's switcher) shows the new one. */
public record WorkspaceRenamed(WorkspaceId id, String name) {
}
