package com.sintra.shell;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.sintra.KaribuTest;
import com.sintra.account.Role;
import com.sintra.account.User;
import com.sintra.account.ui.LoginView;
import com.vaadin.flow.component.UI;
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
        CommandPalette palette = new CommandPalette(workspaceService());
        palette.open();
        assertThat(palette.matches()).extracting(CommandPalette.Target::label).contains("Workspaces").anyMatch(l -> l.startsWith("Workspace: "));
        assertThat(palette.matches()).extracting(CommandPalette.Target::path).contains("workspaces/" + workspace);
    }

    private com.sintra.workspace.WorkspaceService workspaceService() {
        return org.springframework.web.context.support.WebApplicationContextUtils
                .getRequiredWebApplicationContext(com.vaadin.flow.server.VaadinServlet.getCurrent().getServletContext())
                .getBean(com.sintra.workspace.WorkspaceService.class);
    }
}
