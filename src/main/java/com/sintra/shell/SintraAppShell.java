package com.sintra.shell;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.theme.Theme;

/** Page-wide settings: server push for live updates, and the Sintra theme. */
@Push
@Theme("sintra")
class SintraAppShell implements AppShellConfigurator {
}
