package com.sintra.workspace.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.sintra.KaribuTest;
import com.sintra.account.User;
import com.sintra.base.ui.CopyableId;
import com.sintra.workspace.SelectedWorkspace;
import com.sintra.workspace.Workspace;
import com.sintra.workspace.WorkspaceId;
import com.sintra.workspace.WorkspaceService;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;

class WorkspacesViewTest extends KaribuTest {

    @Autowired
    WorkspaceService workspaces;

    @Test
    void a_user_creates_a_workspace_and_lands_on_it() {
        User user = fixtures.newUser();
        openAs(user);
        _get(WorkspacesView.class);

        _click(_get(Button.class, spec -> spec.withId("new-workspace")));
        _setValue(_get(TextField.class, spec -> spec.withLabel("Name")), "Product research");
        _click(_get(Button.class, spec -> spec.withId("create-workspace")));

        _get(WorkspaceView.class);
        assertThat(fixtures.as(user, () -> workspaces.myWorkspaces(false))).extracting(Workspace::name)
                .containsExactly("Product research");
    }

    @Test
    void an_empty_name_is_shown_at_the_field_and_nothing_is_created() {
        User user = fixtures.newUser();
        openAs(user);
        _click(_get(Button.class, spec -> spec.withId("new-workspace")));
        TextField name = _get(TextField.class, spec -> spec.withLabel("Name"));
        _setValue(name, "   ");
        _click(_get(Button.class, spec -> spec.withId("create-workspace")));

        assertThat(name.isInvalid()).isTrue();
        assertThat(name.getErrorMessage()).isEqualTo("Name is required");
        assertThat(fixtures.as(user, () -> workspaces.myWorkspaces(true))).isEmpty();
    }

    @Test
    void a_member_opens_their_workspace_by_url() {
        User user = fixtures.newUser();
        WorkspaceId id = fixtures.newWorkspace(user);
        openAs(user);
        UI.getCurrent().navigate("workspaces/" + id);
        _get(WorkspaceView.class);
    }

    @Test
    void a_user_who_is_not_a_member_cannot_open_another_workspace_by_url() {
        User owner = fixtures.newUser();
        WorkspaceId id = fixtures.newWorkspace(owner);
        openAs(fixtures.newUser());

        UI.getCurrent().navigate("workspaces/" + id);
        _assertNone(WorkspaceView.class);
        _get(Component.class, spec -> spec.withId("not-found"));
        UI.getCurrent().navigate("workspaces/not-a-uuid");
        _assertNone(WorkspaceView.class);
        _get(Component.class, spec -> spec.withId("not-found"));
    }

    @Test
    void an_owner_renames_the_workspace_from_its_page() {
        User user = fixtures.newUser();
        WorkspaceId id = fixtures.newWorkspace(user);
        openAs(user);
        UI.getCurrent().navigate("workspaces/" + id);
        _setValue(_get(TextField.class, spec -> spec.withLabel("Name")), "Renamed here");
        _click(_get(Button.class, spec -> spec.withId("save-workspace")));
        assertThat(fixtures.as(user, () -> workspaces.get(id)).name()).isEqualTo("Renamed here");
    }

    @Test
    void archiving_the_selected_workspace_asks_first_then_clears_the_selection_and_lands_on_the_list() {
        User user = fixtures.newUser();
        WorkspaceId archived = fixtures.as(user, () -> workspaces.create("A first", ""));
        fixtures.as(user, () -> workspaces.create("B other", ""));
        openAs(user);
        UI.getCurrent().navigate("workspaces/" + archived);
        SelectedWorkspace selected = bean(SelectedWorkspace.class);
        assertThat(selected.isSelected(archived)).isTrue();

        _click(_get(Button.class, spec -> spec.withId("archive-workspace")));
        assertThat(fixtures.as(user, () -> workspaces.get(archived)).archived()).as("not before confirming").isFalse();
        _click(_get(Button.class, spec -> spec.withId("confirm-action")));

        assertThat(fixtures.as(user, () -> workspaces.get(archived)).archived()).isTrue();
        NotificationsKt.expectNotifications("“A first” archived. Pick a workspace to continue.");
        _get(WorkspacesView.class);
        assertThat(selected.current()).as("another workspace is never picked silently").isEmpty();
        assertThat(_get(Select.class, spec -> spec.withId("workspace-switcher")).getValue()).isNull();
    }

    @Test
    void cancelling_the_archive_confirmation_changes_nothing() {
        User user = fixtures.newUser();
        WorkspaceId id = fixtures.newWorkspace(user);
        openAs(user);
        UI.getCurrent().navigate("workspaces/" + id);

        _click(_get(Button.class, spec -> spec.withId("archive-workspace")));
        _click(_get(Button.class, spec -> spec.withId("confirm-cancel")));

        assertThat(fixtures.as(user, () -> workspaces.get(id)).archived()).isFalse();
        _get(WorkspaceView.class);
    }

    @Test
    void the_workspace_page_shows_its_id_for_the_api_with_a_copy_button() {
        User user = fixtures.newUser();
        WorkspaceId id = fixtures.newWorkspace(user);
        openAs(user);
        UI.getCurrent().navigate("workspaces/" + id);
        assertThat(_get(CopyableId.class).id()).isEqualTo(id.toString());
    }

    private <T> T bean(Class<T> type) {
        return org.springframework.web.context.support.WebApplicationContextUtils
                .getRequiredWebApplicationContext(com.vaadin.flow.server.VaadinServlet.getCurrent().getServletContext())
                .getBean(type);
    }
}
