package com.sintra.account;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.sintra.HotQuery;
import com.sintra.PlanData;

/** Every combination of the audit trail's filters, first page and a later one: each reads its own index in order. */
public final class AuditHotQueries {

    public static List<HotQuery> queries(PlanData data) {
        List<HotQuery> queries = new ArrayList<>();
        Instant from = Instant.parse("2020-01-01T00:00:00Z");
        for (int mask = 0; mask < 8; mask++) {
            boolean actions = (mask & 1) != 0;
            boolean actor = (mask & 2) != 0;
            boolean workspace = (mask & 4) != 0;
            AuditFilter filter = new AuditFilter(actions ? Set.of("seeded", "signed_in") : Set.of(), null,
                    workspace ? data.workspace() : null, mask == 7 ? from : null, null);
            UUID actorId = actor ? data.user() : null;
            String index = "audit_log_" + (workspace ? "workspace_" : "") + (actor ? "actor_" : "")
                    + (actions ? "action_" : "") + "idx";
            if (mask == 4) {
                // A workspace's few entries (ten per seeded workspace) come as cheaply from any index it leads.
                index = "audit_log_workspace_(actor_)?(action_)?idx";
            }
            String name = "admins browse the audit trail by " + (mask == 0 ? "nothing" : String.join(" and ",
                    List.of(actions ? "actions" : "", actor ? "actor" : "", workspace ? "workspace" : "")
                            .stream().filter(s -> !s.isEmpty()).toList()));
            queries.add(new HotQuery(name, sql(filter, actorId, false), AuditRepository.params(filter, actorId, null, 50),
                    index.replace("audit_log_idx", "audit_log_created_idx")));
            AuditEntry.AuditCursor after = new AuditEntry.AuditCursor(Instant.now(), Long.MAX_VALUE);
            queries.add(new HotQuery(name + ", a later page", sql(filter, actorId, true),
                    AuditRepository.params(filter, actorId, after, 50), index.replace("audit_log_idx", "audit_log_created_idx")));
        }
        queries.add(new HotQuery("the audit view lists the actions the trail holds", AuditRepository.ACTIONS, Map.of(),
                "audit_log_action_idx"));
        queries.add(new HotQuery("admins page through every user's API keys", ApiKeyRepository.ALL_KEYS,
                Map.of("limit", 50, "offset", 0), "api_keys_created_idx"));
        return queries;
    }

    private static String sql(AuditFilter filter, UUID actor, boolean after) {
        return AuditRepository.pageSql(!filter.actions().isEmpty(), actor != null, filter.workspaceId() != null,
                filter.from() != null, filter.to() != null, after);
    }
}
