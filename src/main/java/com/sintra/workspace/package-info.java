/**
 * Workspaces: the unit of sharing. Every piece of data belongs to one workspace, and
 * {@link com.sintra.workspace.WorkspaceAccess} is the one place that decides who may see it.
 */
package com.sintra.workspace;
