package com.sintra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Ids from the seeded data (plans/seed.sql) that hot queries use as parameters.
 *
 * @param workspace       a small workspace (ten chunks): searched exactly
 * @param knowledgeBases  the knowledge bases of {@code workspace}, which its agents draw on
 * @param sharedIndexed   past the exact-scan limit, without an index of its own yet
 * @param ownIndexed      past the exact-scan limit, with its own partial HNSW index
 * @param collaboration   a collaboration {@code user} takes part in
 */
public record PlanData(UUID user, UUID workspace, UUID agent, UUID conversation, List<UUID> knowledgeBases,
                       Brain sharedIndexed, Brain ownIndexed, UUID collaboration) {

    /** A workspace's brain with what grounding in it binds: one of its conversations and its knowledge bases. */
    public record Brain(UUID workspace, UUID conversation, List<UUID> knowledgeBases) {
    }

    /** Seeds the plan data once per database (the script is idempotent) and reads its ids. */
    public static PlanData seed(JdbcTemplate jdbcTemplate, JdbcClient jdbc) {
        try {
            jdbcTemplate.execute(new ClassPathResource("plans/seed.sql").getContentAsString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return read(jdbc);
    }

    /** Random ids where only the queries' names are wanted, before anything is seeded. */
    static PlanData placeholder() {
        Brain brain = new Brain(UUID.randomUUID(), UUID.randomUUID(), List.of(UUID.randomUUID()));
        return new PlanData(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                List.of(UUID.randomUUID()), brain, brain, UUID.randomUUID());
    }

    static PlanData read(JdbcClient jdbc) {
        UUID user = jdbc.sql("SELECT id FROM users WHERE email = 'plan-1@plans.sintra'").query(UUID.class).single();
        UUID workspace = workspace(jdbc, "Plan workspace 1");
        UUID agent = jdbc.sql("SELECT id FROM agents WHERE name = 'Agent 1' AND created_by = :user")
                .param("user", user).query(UUID.class).single();
        UUID conversation = jdbc.sql("SELECT id FROM conversations WHERE agent_id = :agent LIMIT 1")
                .param("agent", agent).query(UUID.class).single();
        UUID collaboration = jdbc.sql("SELECT collaboration_id FROM collaboration_participants WHERE user_id = :user LIMIT 1")
                .param("user", user).query(UUID.class).single();
        return new PlanData(user, workspace, agent, conversation, knowledgeBases(jdbc, workspace),
                brain(jdbc, workspace(jdbc, "Plan workspace 2")), brain(jdbc, workspace(jdbc, "Plan workspace 3")), collaboration);
    }

    private static UUID workspace(JdbcClient jdbc, String name) {
        return jdbc.sql("SELECT id FROM workspaces WHERE name = :name").param("name", name).query(UUID.class).single();
    }

    private static List<UUID> knowledgeBases(JdbcClient jdbc, UUID workspace) {
        return jdbc.sql("SELECT id FROM knowledge_bases WHERE workspace_id = :workspace ORDER BY id")
                .param("workspace", workspace).query(UUID.class).list();
    }

    private static Brain brain(JdbcClient jdbc, UUID workspace) {
        UUID conversation = jdbc.sql("SELECT id FROM conversations WHERE workspace_id = :workspace ORDER BY id LIMIT 1")
                .param("workspace", workspace).query(UUID.class).single();
        return new Brain(workspace, conversation, knowledgeBases(jdbc, workspace));
    }
}
