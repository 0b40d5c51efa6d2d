package com.sintra;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Ids from the seeded data (plans/seed.sql) that hot queries use as parameters. */
public record PlanData(UUID user, UUID workspace) {

    static PlanData read(JdbcClient jdbc) {
        UUID user = jdbc.sql("SELECT id FROM users WHERE email = 'plan-1@plans.sintra'").query(UUID.class).single();
        UUID workspace = jdbc.sql("SELECT id FROM workspaces WHERE name = 'Plan workspace 1'").query(UUID.class).single();
        return new PlanData(user, workspace);
    }
}
