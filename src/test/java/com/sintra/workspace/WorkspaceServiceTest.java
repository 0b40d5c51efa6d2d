package com.sintra.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

import com.sintra.IntegrationTest;
import com.sintra.account.User;
import com.sintra.base.InvalidInputException;
import com.sintra.base.NotFoundException;

class WorkspaceServiceTest extends IntegrationTest {

    @Autowired
    WorkspaceService workspaces;

    @Test
    void the_creator_of_a_workspace_is_its_owner() {
        User owner = fixtures.newUser();
        WorkspaceId id = fixtures.as(owner, () -> workspaces.create("  Research  ", "Papers"));

        Workspace workspace = fixtures.as(owner, () -> workspaces.get(id));
        assertThat(workspace.name()).isEqualTo("Research");
        assertThat(workspace.myRole()).isEqualTo(WorkspaceRole.OWNER);
        assertThat(workspace.memberCount()).isEqualTo(1);
        assertThat(fixtures.as(owner, () -> workspaces.myWorkspaces(false))).extracting(Workspace::id).containsExactly(id);
    }

    @Test
    void empty_and_over_long_names_are_refused_and_nothing_is_stored() {
        User owner = fixtures.newUser();
        assertThatThrownBy(() -> fixtures.as(owner, () -> workspaces.create("   ", "")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("name"));
        assertThatThrownBy(() -> fixtures.as(owner, () -> workspaces.create("x".repeat(81), "")))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> fixtures.as(owner, () -> workspaces.create("ok", "d".repeat(501))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("description"));
        assertThat(fixtures.as(owner, () -> workspaces.myWorkspaces(true))).isEmpty();
    }

    @Test
    void a_non_member_cannot_see_or_change_a_workspace_whatever_id_they_use() {
        User owner = fixtures.newUser();
        User stranger = fixtures.newUser();
        WorkspaceId id = fixtures.newWorkspace(owner);

        assertThatThrownBy(() -> fixtures.as(stranger, () -> workspaces.get(id))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fixtures.as(stranger, () -> workspaces.members(id))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fixtures.as(stranger, () -> workspaces.rename(id, "Mine", "")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fixtures.as(stranger, () -> workspaces.addMember(id, stranger.email(), WorkspaceRole.OWNER)))
                .isInstanceOf(NotFoundException.class);
        assertThat(fixtures.as(stranger, () -> workspaces.myWorkspaces(true))).isEmpty();
        assertThat(fixtures.as(owner, () -> workspaces.get(id)).memberCount()).isEqualTo(1);
    }

    @Test
    void owners_add_members_who_then_see_the_workspace_and_editors_cannot_manage_it() {
        User owner = fixtures.newUser();
        User editor = fixtures.newUser();
        WorkspaceId id = fixtures.newWorkspace(owner);

        fixtures.as(owner, () -> workspaces.addMember(id, editor.email().toUpperCase(), WorkspaceRole.EDITOR));

        assertThat(fixtures.as(editor, () -> workspaces.get(id)).myRole()).isEqualTo(WorkspaceRole.EDITOR);
        assertThat(fixtures.as(owner, () -> workspaces.members(id))).extracting(Member::email)
                .containsExactlyInAnyOrder(owner.email(), editor.email());
        assertThatThrownBy(() -> fixtures.as(editor, () -> workspaces.rename(id, "Taken over", "")))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void adding_an_unknown_email_says_so_at_the_field() {
        User owner = fixtures.newUser();
        WorkspaceId id = fixtures.newWorkspace(owner);
        assertThatThrownBy(() -> fixtures.as(owner, () -> workspaces.addMember(id, "nobody@test.sintra", WorkspaceRole.VIEWER)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("email"));
    }

    @Test
    void the_last_owner_can_be_neither_removed_nor_demoted() {
        User owner = fixtures.newUser();
        WorkspaceId id = fixtures.newWorkspace(owner);
        assertThatThrownBy(() -> fixtures.as(owner, () -> workspaces.removeMember(id, owner.id())))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> fixtures.as(owner, () -> workspaces.changeRole(id, owner.id(), WorkspaceRole.VIEWER)))
                .isInstanceOf(InvalidInputException.class);

        User second = fixtures.newUser();
        fixtures.as(owner, () -> workspaces.addMember(id, second.email(), WorkspaceRole.OWNER));
        fixtures.as(owner, () -> workspaces.removeMember(id, owner.id()));
        assertThat(fixtures.as(second, () -> workspaces.members(id))).extracting(Member::email).containsExactly(second.email());
    }

    @Test
    void archiving_hides_a_workspace_from_the_default_list_and_restoring_brings_it_back() {
        User owner = fixtures.newUser();
        WorkspaceId id = fixtures.newWorkspace(owner);
        fixtures.as(owner, () -> workspaces.setArchived(id, true));
        assertThat(fixtures.as(owner, () -> workspaces.myWorkspaces(false))).isEmpty();
        assertThat(fixtures.as(owner, () -> workspaces.myWorkspaces(true))).extracting(Workspace::archived).containsExactly(true);
        fixtures.as(owner, () -> workspaces.setArchived(id, false));
        assertThat(fixtures.as(owner, () -> workspaces.myWorkspaces(false))).hasSize(1);
    }

    @Test
    void renaming_stores_the_trimmed_name() {
        User owner = fixtures.newUser();
        WorkspaceId id = fixtures.newWorkspace(owner);
        fixtures.as(owner, () -> workspaces.rename(id, " Renamed ", "New description"));
        Workspace workspace = fixtures.as(owner, () -> workspaces.get(id));
        assertThat(workspace.name()).isEqualTo("Renamed");
        assertThat(workspace.description()).isEqualTo("New description");
    }
}
