package com.sintra.shell;

import com.sintra.account.CurrentUser;
import com.sintra.workspace.SelectedWorkspace;
import com.sintra.workspace.WorkspaceService;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.PermitAll;

@Layout
@PermitAll
class MainLayout extends AppLayout implements AfterNavigationObserver {

    private final WorkspaceSwitcher switcher;

    MainLayout(WorkspaceService workspaces, SelectedWorkspace selectedWorkspace, CurrentUser currentUser,
               AuthenticationContext authentication) {
        setPrimarySection(Section.DRAWER);

        Span brand = new Span("Sintra");
        brand.addClassName("sintra-brand");
        addToDrawer(brand, navigation());

        switcher = new WorkspaceSwitcher(workspaces, selectedWorkspace);
        CommandPalette palette = new CommandPalette(workspaces);
        switcher.setWidth("18rem");
        Span spacer = new Span();
        HorizontalLayout bar = new HorizontalLayout(new DrawerToggle(), switcher, spacer, palette.opener(),
                new UserMenu(currentUser, authentication));
        bar.setWidthFull();
        bar.setAlignItems(FlexComponent.Alignment.CENTER);
        bar.expand(spacer);
        bar.addClassName("sintra-topbar");
        addToNavbar(bar);
        palette.bindShortcut(this);
    }

    /** Built from the @Menu annotations of the views the user may open; no view is named here. */
    private static SideNav navigation() {
        SideNav nav = new SideNav();
        MenuConfiguration.getMenuEntries().forEach(entry -> nav.addItem(new SideNavItem(entry.title(), entry.path())));
        return nav;
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        switcher.refresh();
    }
}
