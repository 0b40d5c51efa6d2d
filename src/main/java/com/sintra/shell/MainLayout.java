package com.sintra.shell;

import java.lang.reflect.Constructor;
import java.util.Arrays;

import com.sintra.account.CurrentUser;
import com.sintra.agent.AgentService;
import com.sintra.brain.BrainService;
import com.sintra.chat.ChatService;
import com.sintra.collaboration.CollaborationService;
import com.sintra.workspace.SelectedWorkspace;
import com.sintra.workspace.WorkspaceService;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.PermitAll;

/**
 * The shell: navigation in AppLayout's drawer (beside the content on a wide screen; on a phone closed, opened
 * by the toggle and closed again after navigating), and a top bar that fits 390 px.
 */
@Layout
@PermitAll
class MainLayout extends AppLayout implements BeforeEnterObserver, AfterNavigationObserver {

    private final WorkspaceSwitcher switcher;
    private final WorkspaceService workspaces;
    private final SelectedWorkspace selectedWorkspace;
    private final CurrentUser currentUser;

    MainLayout(WorkspaceService workspaces, SelectedWorkspace selectedWorkspace, CurrentUser currentUser,
               AuthenticationContext authentication, WorkspaceRenames renames, UserRenames userRenames, AgentService agents, BrainService brain,
               ChatService chat, CollaborationService collaborations) {
        this.workspaces = workspaces;
        this.selectedWorkspace = selectedWorkspace;
        this.currentUser = currentUser;
        setPrimarySection(Section.DRAWER);

        Span brand = new Span("Sintra");
        brand.addClassName("sintra-brand");
        addToDrawer(brand, navigation());

        switcher = new WorkspaceSwitcher(workspaces, selectedWorkspace, renames);
        CommandPalette palette = new CommandPalette(workspaces, selectedWorkspace, agents, brain, chat, collaborations);
        DrawerToggle toggle = new DrawerToggle();
        toggle.setId("drawer-toggle");
        toggle.setAriaLabel("Menu");
        Span spacer = new Span();
        HorizontalLayout bar = new HorizontalLayout(toggle, switcher, spacer, palette.opener(),
                new UserMenu(currentUser, authentication, userRenames));
        bar.setWidthFull();
        bar.setSpacing(false);
        bar.setAlignItems(FlexComponent.Alignment.CENTER);
        bar.expand(spacer);
        bar.addClassName("sintra-topbar");
        addToNavbar(bar);
        palette.bindShortcut(this);
    }

    /** Built from the @Menu annotations of the views the user may open; no view is named here. */
    private static SideNav navigation() {
        SideNav nav = new SideNav();
        nav.setId("navigation");
        MenuConfiguration.getMenuEntries().forEach(entry -> nav.addItem(new SideNavItem(entry.title(), entry.path())));
        return nav;
    }

    /**
     * A view that works in the selected workspace (it takes {@link SelectedWorkspace}) and is opened without
     * one goes to the workspaces list, which says why: the user picks, Sintra never does it silently.
     * A view opened with parameters (a conversation's address) may select its own workspace, so it decides.
     */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Class<?> target = event.getNavigationTarget();
        if (currentUser.principal().isEmpty() || !worksInSelectedWorkspace(target)
                || !event.getRouteParameters().getParameterNames().isEmpty()) {
            return;
        }
        if (selectedWorkspace.current().isEmpty()) {
            String message = workspaces.myWorkspaces(false).isEmpty()
                    ? "Create a workspace first: agents, documents and chats live in one."
                    : "No workspace is selected. Pick a workspace to continue.";
            Notification.show(message, 5000, Notification.Position.TOP_CENTER).setId("pick-workspace");
            event.forwardTo("");
        }
    }

    private static boolean worksInSelectedWorkspace(Class<?> view) {
        if (view.getPackageName().startsWith(SelectedWorkspace.class.getPackageName())) {
            return false; // the workspace views are where one is chosen
        }
        return Arrays.stream(view.getDeclaredConstructors()).map(Constructor::getParameterTypes)
                .anyMatch(types -> Arrays.asList(types).contains(SelectedWorkspace.class));
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        if (currentUser.principal().isPresent()) {
            switcher.refresh();
        }
    }
}
