/**
 * The application shell around every signed-in view: side navigation built from {@code @Menu},
 * the workspace switcher, the user menu and the command palette (Ctrl/Cmd+K).
 * Kept apart from {@code base} because it depends on features, and features depend on {@code base}.
 */
package com.sintra.shell;
