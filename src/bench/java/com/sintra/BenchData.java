package com.sintra;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.UUID;

/** Rows a harness writes straight into the benchmark's database: people, workspaces, API keys. */
public final class BenchData {

    private BenchData() {
    }

    public static Connection connect(String dbUrl) throws SQLException {
        return DriverManager.getConnection(dbUrl, System.getenv().getOrDefault("SINTRA_DB_USER", "sintra"),
                System.getenv().getOrDefault("SINTRA_DB_PASSWORD", "sintra"));
    }

    /** A key as ApiKeyService makes them: only its SHA-256 is stored. */
    public static String apiKey(Connection db, UUID user, String name) throws SQLException {
        String prefix = "sk_" + UUID.randomUUID().toString().substring(0, 8);
        String key = prefix + "_" + UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
        update(db, "INSERT INTO api_keys (user_id, name, prefix, key_hash) VALUES (?, ?, ?, ?)", user, name, prefix, sha256(key));
        return key;
    }

    /** @param passwordHash as the application stores it (BCrypt) */
    public static UUID user(Connection db, String email, String name, String passwordHash) throws SQLException {
        UUID id = UUID.randomUUID();
        update(db, "INSERT INTO users (id, email, display_name, password_hash, role, active, created_at, updated_at) "
                + "VALUES (?, ?, ?, ?, 'USER', true, now(), now())", id, email, name, passwordHash);
        return id;
    }

    /** A workspace its owner owns. */
    public static UUID workspace(Connection db, UUID owner, String name) throws SQLException {
        UUID id = UUID.randomUUID();
        update(db, "INSERT INTO workspaces (id, name, description, archived, created_by, created_at, updated_at) "
                + "VALUES (?, ?, '', false, ?, now(), now())", id, name, owner);
        member(db, id, owner, "OWNER");
        return id;
    }

    public static void member(Connection db, UUID workspace, UUID user, String role) throws SQLException {
        update(db, "INSERT INTO workspace_members (workspace_id, user_id, role, created_at) VALUES (?, ?, ?, now())",
                workspace, user, role);
    }

    private static void update(Connection db, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
