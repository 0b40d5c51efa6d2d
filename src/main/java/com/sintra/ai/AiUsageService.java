package com.sintra.ai;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Model usage and its cost, read from the hourly table for the admin dashboard (docs/decisions/0026). */
@Service
public class AiUsageService {

    /** One workspace's, agent's and model's usage; names are null for a workspace or agent since deleted. */
    public record Row(UUID workspaceId, String workspaceName, UUID agentId, String agentName, String provider,
                      String model, long calls, long promptTokens, long completionTokens, BigDecimal cost,
                      boolean priced) {
    }

    public record Totals(long calls, long promptTokens, long completionTokens, BigDecimal cost) {
    }

    public record Report(Instant from, Instant to, List<Row> rows, Totals totals) {
    }

    private final JdbcClient jdbc;
    private final AiUsage usage;

    AiUsageService(JdbcClient jdbc, AiUsage usage) {
        this.jdbc = jdbc;
        this.usage = usage;
    }

    /**
     * Usage in the hours starting from {@code from} (inclusive) up to {@code to} (exclusive), by workspace, agent,
     * provider and model, the costliest first. Hourly rows: a bound inside an hour counts that whole hour from its
     * start. Calls of the last few seconds may not be written yet.
     */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public Report usage(Instant from, Instant to) {
        // Names joined here, as docs/decisions/0013 allows for reporting reads across modules.
        List<Row> rows = jdbc.sql("""
                        SELECT u.workspace_id, w.name AS workspace_name, u.agent_id, a.name AS agent_name, u.provider,
                               u.model, sum(u.calls) AS calls, sum(u.prompt_tokens) AS prompt_tokens,
                               sum(u.completion_tokens) AS completion_tokens, sum(u.cost) AS cost
                        FROM ai_usage u
                        LEFT JOIN workspaces w ON w.id = u.workspace_id
                        LEFT JOIN agents a ON a.id = u.agent_id
                        WHERE u.hour >= date_trunc('hour', CAST(:from AS timestamptz)) AND u.hour < CAST(:to AS timestamptz)
                        GROUP BY u.workspace_id, w.name, u.agent_id, a.name, u.provider, u.model
                        ORDER BY cost DESC, calls DESC, u.provider, u.model""")
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((rs, n) -> new Row(rs.getObject("workspace_id", UUID.class), rs.getString("workspace_name"),
                        rs.getObject("agent_id", UUID.class), rs.getString("agent_name"), rs.getString("provider"),
                        rs.getString("model"), rs.getLong("calls"), rs.getLong("prompt_tokens"),
                        rs.getLong("completion_tokens"), rs.getBigDecimal("cost"), usage.priced(rs.getString("model"))))
                .list();
        Totals totals = new Totals(rows.stream().mapToLong(Row::calls).sum(), rows.stream().mapToLong(Row::promptTokens).sum(),
                rows.stream().mapToLong(Row::completionTokens).sum(),
                rows.stream().map(Row::cost).reduce(BigDecimal.ZERO, BigDecimal::add));
        return new Report(from, to, rows, totals);
    }
}
