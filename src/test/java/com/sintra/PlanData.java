package com.sintra;

import java.util.UUID;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Ids from the seeded data (plans/seed.sql) that hot queries use as parameters. */
public record PlanData(UUID user, UUID workspace, UUID agent, UUID conversation, UUID collaboration) {

    /** Seeds the plan data once per database (the script is idempotent) and reads its ids. */
    public static PlanData seed(JdbcTemplate jdbcTemplate, JdbcClient jdbc) {
        try {
            jdbcTemplate.execute(new ClassPathResource("plans/seed.sql").getContentAsString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return read(jdbc);
    }

    static PlanData read(JdbcClient jdbc) {
        UUID user = jdbc.sql("SELECT id FROM users WHERE email = 'plan-1@plans.sintra'").query(UUID.class).single();
        UUID workspace = jdbc.sql("SELECT id FROM workspaces WHERE name = 'Plan workspace 1'").query(UUID.class).single();
        UUID agent = jdbc.sql("SELECT id FROM agents WHERE name = 'Agent 1' AND created_by = :user")
                .param("user", user).query(UUID.class).single();
        UUID conversation = jdbc.sql("SELECT id FROM conversations WHERE agent_id = :agent LIMIT 1")
                .param("agent", agent).query(UUID.class).single();
        UUID collaboration = jdbc.sql("SELECT collaboration_id FROM collaboration_participants WHERE user_id = :user LIMIT 1")
                .param("user", user).query(UUID.class).single();
        return new PlanData(user, workspace, agent, conversation, collaboration);
    }
}
