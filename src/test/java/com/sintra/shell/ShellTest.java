package com.sintra.shell;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.sintra.KaribuTest;
import com.sintra.account.Role;
import com.sintra.account.User;
import com.sintra.account.ui.LoginView;
import com.github.mvysny.kaributesting.v10.ContextMenuKt;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.sintra.workspace.SelectedWorkspace;
import com.sintra.workspace.WorkspaceId;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.sidenav.SideNavItem;

class ShellTest extends KaribuTest {

    @Test
    void an_anonymous_visitor_sees_the_sign_in_view() {
        openAnonymously();
        UI.getCurrent().navigate("");
        _get(LoginView.class);
    }

    @Test
    void the_sign_in_view_shows_its_error_after_a_failed_attempt() {
        openAnonymously();
        UI.getCurrent().navigate("login", com.vaadin.flow.router.QueryParameters.of("error", ""));
        assertThat(_get(LoginView.class).isError()).isTrue();
    }

    @Test
    void a_signed_in_user_gets_the_shell_with_navigation_built_from_the_menu() {
        openAs(fixtures.newUser());
        _get(MainLayout.class);
        assertThat(_find(SideNavItem.class)).extracting(SideNavItem::getLabel).contains("Workspaces").doesNotContain("Users");
    }

    @Test
    void an_admin_also_sees_user_management_in_the_navigation() {
        openAs(fixtures.admin());
        assertThat(_find(SideNavItem.class)).extracting(SideNavItem::getLabel).contains("Workspaces", "Users");
    }

    @Test
    void the_command_palette_lists_views_and_the_users_workspaces_and_jumps_to_one() {
        User user = fixtures.newUser(Role.USER);
        var workspace = fixtures.newWorkspace(user);
        openAs(user);
        CommandPalette palette = new CommandPalette(workspaceService(), bean(SelectedWorkspace.class),
                bean(com.sintra.agent.AgentService.class), bean(com.sintra.brain.BrainService.class),
                bean(com.sintra.chat.ChatService.class), bean(com.sintra.collaboration.CollaborationService.class));
        palette.open();
        assertThat(palette.matches()).extracting(CommandPalette.Target::label).contains("Workspaces").anyMatch(l -> l.startsWith("Workspace: "));
        assertThat(palette.matches()).extracting(CommandPalette.Target::path).contains("workspaces/" + workspace);
    }

    @Test
    void the_top_bar_fits_a_phone_the_drawer_toggle_the_palette_opener_and_the_user_menu_always_shown() {
        openAs(fixtures.newUser());
        _get(DrawerToggle.class, spec -> spec.withId("drawer-toggle"));
        Button opener = _get(Button.class, spec -> spec.withId("command-palette"));
        assertThat(opener.getIcon()).as("an icon to show when the label is hidden on a phone").isNotNull();
        assertThat(opener.getAriaLabel()).hasValueSatisfying(label -> assertThat(label).startsWith("Go to"));
        _get(MenuBar.class, spec -> spec.withId("user-menu"));
        assertThat(_get(Select.class, spec -> spec.withId("workspace-switcher")).getWidth())
                .as("no fixed width: the switcher shrinks on a phone").isNull();
    }

    @Test
    void the_user_menu_names_the_user_and_offers_settings_api_documentation_the_theme_and_signing_out() {
        User user = fixtures.newUser();
        openAs(user);
        MenuBar menu = _get(MenuBar.class, spec -> spec.withId("user-menu"));
        var items = menu.getItems().get(0).getSubMenu().getItems();
        assertThat(items).extracting(item -> item.getId().orElse(""))
                .contains("account-settings", "api-documentation", "theme-toggle", "sign-out");
        assertThat(items.get(0).getElement().getTextRecursively()).contains(user.displayName(), user.email());
        Anchor api = (Anchor) items.stream().filter(i -> i.getId().orElse("").equals("api-documentation")).findFirst()
                .orElseThrow().getChildren().findFirst().orElseThrow();
        assertThat(api.getHref()).isEqualTo("swagger-ui.html");
        assertThat(api.getTarget()).contains("_blank");

        ContextMenuKt._clickItemWithID(menu, "account-settings");
        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPath()).isEqualTo("settings");
    }

    @Test
    void the_theme_toggle_switches_the_pages_dark_variant_and_remembers_it_in_the_browser() {
        openAs(fixtures.newUser());
        MenuBar menu = _get(MenuBar.class, spec -> spec.withId("user-menu"));
        UI.getCurrent().getInternals().dumpPendingJavaScriptInvocations();
        ContextMenuKt._clickItemWithID(menu, "theme-toggle");
        String script = UI.getCurrent().getInternals().dumpPendingJavaScriptInvocations().stream()
                .map(js -> js.getInvocation().getExpression()).reduce("", String::concat);
        assertThat(script).contains("document.documentElement", "'dark'", "localStorage.setItem");
        assertThat(UI.getCurrent().getInternals().dumpPendingJavaScriptInvocations()).isEmpty();
    }

    @Test
    void the_page_applies_the_remembered_or_the_systems_theme_before_its_first_paint() throws Exception {
        String page = java.nio.file.Files.readString(java.nio.file.Path.of("frontend/index.html"));
        String head = page.substring(0, page.indexOf("</head>"));
        assertThat(head).contains("localStorage.getItem('sintra-theme')", "prefers-color-scheme: dark",
                "setAttribute('theme'", "favicon.ico");
        assertThat(getClass().getResource("/META-INF/resources/favicon.ico")).as("served for /favicon.ico").isNotNull();
    }

    @Test
    void an_unknown_address_shows_the_not_found_page_inside_the_shell_with_a_way_back() {
        openAs(fixtures.newUser());
        // Through the router: with React routing on (tests), UI.navigate hands an unknown path to the browser.
        int status = UI.getCurrent().getInternals().getRouter().navigate(UI.getCurrent(),
                new com.vaadin.flow.router.Location("no/such/page"), com.vaadin.flow.router.NavigationTrigger.PROGRAMMATIC);
        assertThat(status).isEqualTo(404);
        _get(MainLayout.class);
        _get(RouteNotFoundView.class);
        assertThat(_get(Anchor.class, spec -> spec.withId("not-found-back")).getHref()).isEqualTo(".");
    }

    @Test
    void a_view_the_user_may_not_open_shows_the_same_not_found_page() {
        openAs(fixtures.newUser(Role.USER));
        UI.getCurrent().navigate("admin/users");
        _get(MainLayout.class);
        _get(RouteDeniedView.class);
        assertThat(_get(Component.class, spec -> spec.withId("not-found")).getElement().getTextRecursively())
                .contains("Page not found").doesNotContain("Users");
    }

    @Test
    void a_missing_thing_a_service_reports_to_the_router_shows_the_not_found_page() {
        openAs(fixtures.newUser());
        var target = com.vaadin.flow.server.startup.ApplicationRouteRegistry
                .getInstance(com.vaadin.flow.server.VaadinService.getCurrent().getContext())
                .getErrorNavigationTarget(new com.sintra.base.NotFoundException("Agent not found"));
        assertThat(target).get().extracting(t -> t.getNavigationTarget()).isEqualTo(ThingNotFoundView.class);
    }

    @Test
    void a_view_that_works_in_a_workspace_sends_the_user_to_the_list_when_none_is_selected() {
        User user = fixtures.newUser();
        WorkspaceId id = fixtures.newWorkspace(user);
        openAs(user);
        fixtures.as(user, () -> workspaceService().create("Second", ""));
        bean(SelectedWorkspace.class).clear();

        UI.getCurrent().navigate("agents");

        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPath()).as("the workspaces list").isEmpty();
        NotificationsKt.expectNotifications("No workspace is selected. Pick a workspace to continue.");
        assertThat(bean(SelectedWorkspace.class).current()).isEmpty();
        UI.getCurrent().navigate("workspaces/" + id);
        UI.getCurrent().navigate("agents");
        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPath()).isEqualTo("agents");
    }

    @Test
    void the_switcher_shows_a_new_name_as_soon_as_the_workspace_is_renamed() {
        User user = fixtures.newUser();
        WorkspaceId id = fixtures.newWorkspace(user);
        openAs(user);
        UI.getCurrent().navigate("workspaces/" + id);
        @SuppressWarnings("unchecked")
        Select<com.sintra.workspace.Workspace> switcher = _get(Select.class, spec -> spec.withId("workspace-switcher"));

        fixtures.as(user, () -> workspaceService().rename(id, "Renamed while open", ""));

        assertThat(switcher.getValue().name()).isEqualTo("Renamed while open");
        assertThat(switcher.getListDataView().getItems()).extracting(com.sintra.workspace.Workspace::name)
                .containsExactly("Renamed while open");
    }

    private <T> T bean(Class<T> type) {
        return org.springframework.web.context.support.WebApplicationContextUtils
                .getRequiredWebApplicationContext(com.vaadin.flow.server.VaadinServlet.getCurrent().getServletContext())
                .getBean(type);
    }

    private com.sintra.workspace.WorkspaceService workspaceService() {
        return org.springframework.web.context.support.WebApplicationContextUtils
                .getRequiredWebApplicationContext(com.vaadin.flow.server.VaadinServlet.getCurrent().getServletContext())
                .getBean(com.sintra.workspace.WorkspaceService.class);
    }
}
