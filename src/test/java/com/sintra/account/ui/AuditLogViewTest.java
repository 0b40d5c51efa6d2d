package com.sintra.account.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.sintra.KaribuTest;
import com.sintra.account.AuditEntry;
import com.sintra.account.Role;
import com.sintra.account.User;
import com.sintra.workspace.WorkspaceId;
import com.sintra.workspace.WorkspaceRole;
import com.sintra.workspace.WorkspaceService;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextField;

class AuditLogViewTest extends KaribuTest {

    @Autowired
    WorkspaceService workspaces;

    @Test
    void an_admin_sees_the_entries_of_a_workspace_newest_first_and_scrolls_through_every_page() {
        User owner = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(owner);
        List<User> members = IntStream.range(0, 60).mapToObj(i -> fixtures.newUser()).toList();
        fixtures.as(owner, () -> members.forEach(m -> workspaces.addMember(workspace, m.email(), WorkspaceRole.VIEWER)));
        openAs(fixtures.admin());
        UI.getCurrent().navigate("admin/audit");

        _setValue(_get(TextField.class, spec -> spec.withId("audit-workspace")), workspace.toString());

        Grid<AuditEntry> grid = grid();
        // More rows than the grid's first fetch (50): the rest come in a second keyset page.
        assertThat(GridKt._size(grid)).isEqualTo(60);
        List<AuditEntry> rows = IntStream.range(0, 60).mapToObj(i -> GridKt._get(grid, i)).toList();
        assertThat(rows).extracting(AuditEntry::id).doesNotHaveDuplicates()
                .isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(rows).extracting(AuditEntry::targetId)
                .containsExactlyInAnyOrderElementsOf(members.stream().map(m -> m.id().value().toString()).toList());
        assertThat(GridKt._getFormattedRow(grid, 0)).contains("workspace_member_added", owner.email(), "role: VIEWER");
    }

    @Test
    void the_action_and_actor_filters_narrow_the_grid() {
        User user = fixtures.newUser();
        openAs(fixtures.admin());
        UI.getCurrent().navigate("admin/audit");

        @SuppressWarnings("unchecked")
        MultiSelectComboBox<String> actions = _get(MultiSelectComboBox.class, spec -> spec.withId("audit-actions"));
        _setValue(actions, Set.of("user_created"));
        _setValue(_get(TextField.class, spec -> spec.withId("audit-actor")), fixtures.admin().email());
        assertThat(IntStream.range(0, Math.min(GridKt._size(grid()), 100)).mapToObj(i -> GridKt._get(grid(), i)))
                .allSatisfy(e -> assertThat(e.action()).isEqualTo("user_created"))
                .anySatisfy(e -> assertThat(e.targetId()).isEqualTo(user.id().value().toString()));

        _setValue(_get(TextField.class, spec -> spec.withId("audit-workspace")), "not-an-id");
        assertThat(_get(TextField.class, spec -> spec.withId("audit-workspace")).isInvalid()).isTrue();
        assertThat(GridKt._size(grid())).isZero();
    }

    @Test
    void a_user_who_is_not_an_admin_gets_the_not_found_page_instead() {
        openAs(fixtures.newUser(Role.USER));
        UI.getCurrent().navigate("admin/audit");
        assertThat(_find(AuditLogView.class)).isEmpty();
        assertThat(_get(Component.class, spec -> spec.withId("not-found")).getElement().getTextRecursively())
                .contains("Page not found");
    }

    @SuppressWarnings("unchecked")
    private static Grid<AuditEntry> grid() {
        return _get(Grid.class, spec -> spec.withId("audit-grid"));
    }
}
