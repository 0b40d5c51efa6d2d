package com.sintra.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.sintra.IntegrationTest;
import com.sintra.base.NotFoundException;
import com.sintra.workspace.WorkspaceId;
import com.sintra.workspace.WorkspaceRole;
import com.sintra.workspace.WorkspaceService;

class AuditLogTest extends IntegrationTest {

    @Autowired
    AuditLog audit;

    @Autowired
    AccountService accounts;

    @Autowired
    ApiKeyService apiKeys;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transaction;

    @Test
    void each_admin_action_on_a_user_is_audited_with_the_admin_as_actor() {
        User admin = fixtures.admin();
        User user = fixtures.newUser();
        String target = user.id().value().toString();
        fixtures.as(admin, () -> {
            accounts.setActive(user.id(), false);
            accounts.setActive(user.id(), true);
            accounts.resetPassword(user.id(), "another good password");
            accounts.resetPasswordToGenerated(user.id());
            accounts.updateUser(user.id(), "Renamed by admin", Role.ADMIN);
            accounts.updateUser(user.id(), "Renamed by admin", Role.USER);
        });

        assertThat(actionsOn(target)).containsExactly("user_created", "user_deactivated", "user_reactivated",
                "user_password_reset", "user_password_reset", "user_renamed", "admin_granted", "admin_revoked");
        assertThat(jdbc.sql("SELECT DISTINCT actor_user_id FROM audit_log WHERE target_id = :t")
                .param("t", target).query(UUID.class).list()).containsExactly(admin.id().value());
        assertThat(jdbc.sql("SELECT details->>'generated' FROM audit_log WHERE target_id = :t AND action = 'user_password_reset' ORDER BY id")
                .param("t", target).query(String.class).list()).containsExactly("false", "true");
        assertThat(jdbc.sql("SELECT details->>'to' FROM audit_log WHERE target_id = :t AND action = 'user_renamed'")
                .param("t", target).query(String.class).single()).isEqualTo("Renamed by admin");
    }

    @Test
    void an_admin_action_that_fails_leaves_no_entry() {
        User admin = fixtures.admin();
        assertThatThrownBy(() -> fixtures.as(admin, () -> accounts.setActive(admin.id(), false)))
                .hasMessageContaining("own account");
        UserId nobody = new UserId(UUID.randomUUID());
        assertThatThrownBy(() -> fixtures.as(admin, () -> accounts.resetPassword(nobody, "another good password")))
                .isInstanceOf(NotFoundException.class);
        assertThat(actionsOn(admin.id().value().toString())).doesNotContain("user_deactivated");
        assertThat(actionsOn(nobody.value().toString())).isEmpty();
    }

    @Test
    void an_admin_revoking_someone_elses_api_key_is_audited_and_the_key_stops_working() {
        User owner = fixtures.newUser();
        String key = fixtures.as(owner, () -> apiKeys.create("Deploy script"));
        ApiKey created = fixtures.as(owner, () -> apiKeys.myKeys()).get(0);

        fixtures.as(fixtures.admin(), () -> apiKeys.revokeAny(created.id()));

        assertThat(apiKeys.authenticate(key)).isEmpty();
        assertThat(jdbc.sql("""
                        SELECT details->>'owner' || ' ' || (details->>'name') FROM audit_log
                        WHERE action = 'api_key_revoked' AND target_id = :t""")
                .param("t", created.id().value().toString()).query(String.class).single())
                .isEqualTo(owner.email() + " Deploy script");
        assertThatThrownBy(() -> fixtures.as(owner, () -> apiKeys.revokeAny(created.id())))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void an_admin_lists_every_users_keys_with_their_owners() {
        User owner = fixtures.newUser();
        fixtures.as(owner, () -> apiKeys.create("Listed key"));
        List<OwnedApiKey> all = fixtures.as(fixtures.admin(), () -> apiKeys.allKeys(0, 500));
        assertThat(all).anySatisfy(k -> {
            assertThat(k.ownerEmail()).isEqualTo(owner.email());
            assertThat(k.key().name()).isEqualTo("Listed key");
            assertThat(k.key().prefix()).startsWith("sk_");
        });
        assertThat(fixtures.as(fixtures.admin(), () -> apiKeys.countAllKeys())).isGreaterThanOrEqualTo(1);
        assertThatThrownBy(() -> fixtures.as(owner, () -> apiKeys.allKeys(0, 10))).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void an_owners_changes_of_membership_are_audited_in_the_workspace() {
        User owner = fixtures.newUser();
        User member = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(owner);
        fixtures.as(owner, () -> {
            workspaces.addMember(workspace, member.email(), WorkspaceRole.VIEWER);
            workspaces.changeRole(workspace, member.id(), WorkspaceRole.EDITOR);
            workspaces.changeRole(workspace, member.id(), WorkspaceRole.EDITOR);
            workspaces.removeMember(workspace, member.id());
        });

        assertThat(jdbc.sql("""
                        SELECT action FROM audit_log WHERE workspace_id = :w AND target_id = :t AND actor_user_id = :a
                        ORDER BY id""")
                .param("w", workspace.value()).param("t", member.id().value().toString()).param("a", owner.id().value())
                .query(String.class).list())
                .containsExactly("workspace_member_added", "workspace_role_changed", "workspace_member_removed");
    }

    @Test
    void a_refused_access_in_a_read_only_transaction_is_recorded_with_workspace_target_and_caller() {
        User owner = fixtures.newUser();
        User stranger = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(owner);
        TransactionTemplate readOnly = new TransactionTemplate(transaction.getTransactionManager());
        readOnly.setReadOnly(true);

        assertThatThrownBy(() -> fixtures.as(stranger, () -> readOnly.executeWithoutResult(tx -> {
            assertThat(TransactionSynchronizationManager.isCurrentTransactionReadOnly()).isTrue();
            workspaces.members(workspace);
        }))).isInstanceOf(NotFoundException.class);

        assertThat(refusalsOf(stranger)).singleElement().satisfies(entry -> {
            assertThat(entry.workspaceId()).isEqualTo(workspace.value());
            assertThat(entry.targetType()).isEqualTo("operation");
            assertThat(entry.targetId()).isEqualTo("WorkspaceService.members");
            assertThat(entry.actorEmail()).isEqualTo(stranger.email());
            assertThat(entry.details()).containsEntry("reason", "not_member");
        });
    }

    @Test
    void opening_a_workspace_one_is_not_a_member_of_or_one_that_does_not_exist_is_recorded() {
        User owner = fixtures.newUser();
        User stranger = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(owner);
        WorkspaceId unknown = new WorkspaceId(UUID.randomUUID());

        assertThatThrownBy(() -> fixtures.as(stranger, () -> workspaces.get(workspace))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fixtures.as(stranger, () -> workspaces.get(unknown))).isInstanceOf(NotFoundException.class);

        assertThat(refusalsOf(stranger)).extracting(e -> e.targetId() + " " + e.details().get("reason") + " " + e.workspaceId())
                .containsExactly("WorkspaceService.get no_such_workspace null",
                        "WorkspaceService.get not_member " + workspace.value());
    }

    @Test
    void a_caller_probing_many_workspaces_fills_the_trail_only_up_to_the_limit_per_minute() {
        User owner = fixtures.newUser();
        User prober = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(owner);
        // Both at the start of a minute would split the probes over two windows; a probe run takes far less than 5 s.
        while (Instant.now().getEpochSecond() % 60 > 55) {
            Thread.onSpinWait();
        }
        for (int i = 0; i < 50; i++) {
            assertThatThrownBy(() -> fixtures.as(prober, () -> workspaces.members(workspace)))
                    .isInstanceOf(NotFoundException.class);
        }

        List<AuditEntry> refusals = refusalsOf(prober);
        assertThat(refusals).hasSize(10);
        assertThat(refusals.get(0).details()).containsKey("limit_reached");
        assertThat(refusals.subList(1, 10)).allSatisfy(e -> assertThat(e.details()).doesNotContainKey("limit_reached"));
    }

    @Test
    void browsing_filters_by_action_actor_workspace_and_time_and_pages_without_duplicates() {
        User owner = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(owner);
        Instant start = Instant.now();
        List<User> members = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            members.add(fixtures.newUser());
        }
        fixtures.as(owner, () -> members.forEach(m -> {
            workspaces.addMember(workspace, m.email(), WorkspaceRole.VIEWER);
            workspaces.changeRole(workspace, m.id(), WorkspaceRole.EDITOR);
        }));
        fixtures.as(owner, () -> workspaces.removeMember(workspace, members.get(0).id()));
        User admin = fixtures.admin();

        AuditFilter inWorkspace = new AuditFilter(Set.of(), null, workspace.value(), null, null);
        List<AuditEntry> all = fixtures.as(admin, () -> walk(inWorkspace, 3));
        assertThat(all).hasSize(15);
        assertThat(all).extracting(AuditEntry::id).doesNotHaveDuplicates();
        assertThat(all).extracting(AuditEntry::id).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(all).allSatisfy(e -> {
            assertThat(e.workspaceName()).startsWith("Workspace ");
            assertThat(e.actorEmail()).isEqualTo(owner.email());
        });

        AuditFilter twoActions = new AuditFilter(Set.of("workspace_member_added", "workspace_member_removed"), owner.email(),
                workspace.value(), start, Instant.now().plusSeconds(1));
        List<AuditEntry> addedOrRemoved = fixtures.as(admin, () -> walk(twoActions, 2));
        assertThat(addedOrRemoved).extracting(AuditEntry::action).containsOnly("workspace_member_added", "workspace_member_removed");
        assertThat(addedOrRemoved).hasSize(8).extracting(AuditEntry::id).doesNotHaveDuplicates();
        assertThat(fixtures.as(admin, () -> walk(new AuditFilter(Set.of("workspace_role_changed"), owner.email(), null, null, null), 4)))
                .hasSize(7);
        assertThat(fixtures.as(admin, () -> walk(new AuditFilter(Set.of(), owner.email(), null, null, start), 4)))
                .extracting(AuditEntry::action).doesNotContain("workspace_role_changed");
        assertThat(fixtures.as(admin, () -> audit.entries(new AuditFilter(Set.of(), "nobody@nowhere.test", null, null, null), null, 10)
                .entries())).isEmpty();
        assertThat(fixtures.as(admin, () -> audit.actions())).contains("workspace_member_added", "user_created");
    }

    @Test
    void a_user_who_is_not_an_admin_cannot_browse_the_trail() {
        User user = fixtures.newUser();
        assertThatThrownBy(() -> fixtures.as(user, () -> audit.entries(AuditFilter.ANY, null, 10)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> fixtures.as(user, () -> audit.actions())).isInstanceOf(AccessDeniedException.class);
    }

    /** Every page of the filter, {@code size} at a time, as the view walks them. */
    private List<AuditEntry> walk(AuditFilter filter, int size) {
        List<AuditEntry> all = new ArrayList<>();
        Set<AuditEntry.AuditCursor> seen = new HashSet<>();
        AuditEntry.AuditCursor cursor = null;
        do {
            AuditPage page = audit.entries(filter, cursor, size);
            assertThat(page.entries().size()).isLessThanOrEqualTo(size);
            all.addAll(page.entries());
            cursor = page.next();
            assertThat(cursor == null || seen.add(cursor)).isTrue();
        } while (cursor != null);
        return all;
    }

    private List<AuditEntry> refusalsOf(User user) {
        return fixtures.as(fixtures.admin(), () -> audit.entries(
                new AuditFilter(Set.of(AuditLog.ACCESS_REFUSED), user.email(), null, null, null), null, 100).entries());
    }

    private List<String> actionsOn(String target) {
        return jdbc.sql("SELECT action FROM audit_log WHERE target_id = :t ORDER BY id").param("t", target)
                .query(String.class).list();
    }
}
