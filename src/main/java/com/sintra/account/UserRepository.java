package com.sintra.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class UserRepository {

    static final String FIND_BY_EMAIL = """
            SELECT id, email, display_name, role, active, created_at, password_hash
            FROM users WHERE lower(email) = lower(:email)""";

    static final String PAGE = """
            SELECT id, email, display_name, role, active, created_at
            FROM users ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset""";

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record StoredUser(User user, String passwordHash) {
    }

    Optional<StoredUser> findByEmail(String email) {
        return jdbc.sql(FIND_BY_EMAIL).param("email", email)
                .query((rs, n) -> new StoredUser(user(rs), rs.getString("password_hash")))
                .optional();
    }

    Optional<User> findById(UserId id) {
        return jdbc.sql("SELECT id, email, display_name, role, active, created_at FROM users WHERE id = :id")
                .param("id", id.value())
                .query((rs, n) -> user(rs))
                .optional();
    }

    boolean emailExists(String email) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM users WHERE lower(email) = lower(:email))")
                .param("email", email).query(Boolean.class).single();
    }

    boolean anyAdmin() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM users WHERE role = 'ADMIN')").query(Boolean.class).single();
    }

    UserId insert(String email, String displayName, String passwordHash, Role role) {
        UUID id = jdbc.sql("""
                        INSERT INTO users (email, display_name, password_hash, role)
                        VALUES (:email, :name, :hash, :role) RETURNING id""")
                .param("email", email).param("name", displayName).param("hash", passwordHash).param("role", role.name())
                .query(UUID.class).single();
        return new UserId(id);
    }

    List<User> page(int offset, int limit) {
        return jdbc.sql(PAGE).param("limit", limit).param("offset", offset).query((rs, n) -> user(rs)).list();
    }

    int count() {
        return jdbc.sql("SELECT count(*) FROM users").query(Integer.class).single();
    }

    boolean setActive(UserId id, boolean active) {
        return jdbc.sql("UPDATE users SET active = :active, updated_at = now() WHERE id = :id")
                .param("active", active).param("id", id.value()).update() == 1;
    }

    /** Changes the name, and the role when one is given. False when there is no such user. */
    boolean update(UserId id, String displayName, Role role) {
        return jdbc.sql("""
                        UPDATE users SET display_name = :name, role = coalesce(:role, role), updated_at = now()
                        WHERE id = :id""")
                .param("id", id.value()).param("name", displayName).param("role", role == null ? null : role.name())
                .update() == 1;
    }

    Optional<String> passwordHash(UserId id) {
        return jdbc.sql("SELECT password_hash FROM users WHERE id = :id").param("id", id.value())
                .query(String.class).optional();
    }

    boolean setPasswordHash(UserId id, String passwordHash) {
        return jdbc.sql("UPDATE users SET password_hash = :hash, updated_at = now() WHERE id = :id")
                .param("hash", passwordHash).param("id", id.value()).update() == 1;
    }

    /**
     * The active administrators, their rows locked until the transaction ends: two administrators demoting
     * each other at once take turns, and the second sees the first's change, so one always remains.
     */
    List<UserId> lockActiveAdmins() {
        return jdbc.sql("SELECT id FROM users WHERE role = 'ADMIN' AND active ORDER BY id FOR UPDATE")
                .query((rs, n) -> new UserId(rs.getObject("id", UUID.class))).list();
    }

    static User user(ResultSet rs) throws SQLException {
        return new User(new UserId(rs.getObject("id", UUID.class)), rs.getString("email"),
                rs.getString("display_name"), Role.valueOf(rs.getString("role")), rs.getBoolean("active"),
                rs.getTimestamp("created_at").toInstant());
    }
}
