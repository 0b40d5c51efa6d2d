package com.sintra.workspace;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.sintra.account.UserId;
import com.sintra.base.QueryTimer;

@Repository
class WorkspaceRepository {

    static final String MEMBERSHIP = """
            SELECT role FROM workspace_members WHERE workspace_id = :workspace AND user_id = :user""";

    static final String WORKSPACES_OF_USER = """
            SELECT w.id, w.name, w.description, w.archived, w.created_at, m.role,
                   (SELECT count(*) FROM workspace_members c WHERE c.workspace_id = w.id) AS member_count
            FROM workspace_members m
            JOIN workspaces w ON w.id = m.workspace_id
            WHERE m.user_id = :user AND (:includeArchived OR NOT w.archived)
            ORDER BY lower(w.name), w.id""";

    static final String ONE_FOR_USER = """
            SELECT w.id, w.name, w.description, w.archived, w.created_at, m.role,
                   (SELECT count(*) FROM workspace_members c WHERE c.workspace_id = w.id) AS member_count
            FROM workspace_members m
            JOIN workspaces w ON w.id = m.workspace_id
            WHERE m.user_id = :user AND m.workspace_id = :workspace""";

    static final String MEMBERS = """
            SELECT m.user_id, u.email, u.display_name, m.role, m.created_at
            FROM workspace_members m JOIN users u ON u.id = m.user_id
            WHERE m.workspace_id = :workspace
            ORDER BY m.role, lower(u.display_name)""";

    private final JdbcClient jdbc;
    private final QueryTimer timer;

    WorkspaceRepository(JdbcClient jdbc, QueryTimer timer) {
        this.jdbc = jdbc;
        this.timer = timer;
    }

    Optional<WorkspaceRole> roleOf(WorkspaceId workspace, UserId user) {
        return timer.time("workspace.membership", () -> jdbc.sql(MEMBERSHIP).param("workspace", workspace.value())
                .param("user", user.value()).query((rs, n) -> WorkspaceRole.valueOf(rs.getString(1))).optional());
    }

    List<Workspace> workspacesOf(UserId user, boolean includeArchived) {
        return jdbc.sql(WORKSPACES_OF_USER).param("user", user.value()).param("includeArchived", includeArchived)
                .query((rs, n) -> workspace(rs)).list();
    }

    boolean exists(WorkspaceId workspace) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM workspaces WHERE id = :id)").param("id", workspace.value())
                .query(Boolean.class).single();
    }

    Optional<Workspace> findForUser(WorkspaceId workspace, UserId user) {
        return jdbc.sql(ONE_FOR_USER).param("user", user.value()).param("workspace", workspace.value())
                .query((rs, n) -> workspace(rs)).optional();
    }

    WorkspaceId insert(String name, String description, UserId creator) {
        UUID id = jdbc.sql("""
                        INSERT INTO workspaces (name, description, created_by) VALUES (:name, :description, :creator)
                        RETURNING id""")
                .param("name", name).param("description", description).param("creator", creator.value())
                .query(UUID.class).single();
        return new WorkspaceId(id);
    }

    void update(WorkspaceId id, String name, String description) {
        jdbc.sql("UPDATE workspaces SET name = :name, description = :description, updated_at = now() WHERE id = :id")
                .param("name", name).param("description", description).param("id", id.value()).update();
    }

    void setArchived(WorkspaceId id, boolean archived) {
        jdbc.sql("UPDATE workspaces SET archived = :archived, updated_at = now() WHERE id = :id")
                .param("archived", archived).param("id", id.value()).update();
    }

    List<Member> members(WorkspaceId workspace) {
        return jdbc.sql(MEMBERS).param("workspace", workspace.value())
                .query((rs, n) -> new Member(new UserId(rs.getObject("user_id", UUID.class)), rs.getString("email"),
                        rs.getString("display_name"), WorkspaceRole.valueOf(rs.getString("role")),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    /** Adds a member, or changes the role of one who already is. */
    void putMember(WorkspaceId workspace, UserId user, WorkspaceRole role) {
        jdbc.sql("""
                        INSERT INTO workspace_members (workspace_id, user_id, role) VALUES (:workspace, :user, :role)
                        ON CONFLICT (workspace_id, user_id) DO UPDATE SET role = excluded.role""")
                .param("workspace", workspace.value()).param("user", user.value()).param("role", role.name())
                .update();
    }

    boolean removeMember(WorkspaceId workspace, UserId user) {
        return jdbc.sql("DELETE FROM workspace_members WHERE workspace_id = :workspace AND user_id = :user")
                .param("workspace", workspace.value()).param("user", user.value()).update() == 1;
    }

    /** Locks the workspace's owner rows so two concurrent demotions cannot leave it without an owner. */
    int lockAndCountOwners(WorkspaceId workspace) {
        return jdbc.sql("""
                        SELECT count(*) FROM (SELECT 1 FROM workspace_members
                        WHERE workspace_id = :workspace AND role = 'OWNER' FOR UPDATE) owners""")
                .param("workspace", workspace.value()).query(Integer.class).single();
    }

    private static Workspace workspace(ResultSet rs) throws SQLException {
        return new Workspace(new WorkspaceId(rs.getObject("id", UUID.class)), rs.getString("name"),
                rs.getString("description"), rs.getBoolean("archived"), rs.getTimestamp("created_at").toInstant(),
                WorkspaceRole.valueOf(rs.getString("role")), rs.getInt("member_count"));
    }
}
