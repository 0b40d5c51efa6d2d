package com.sintra.workspace;

import java.util.List;
import java.util.Map;

import com.sintra.HotQuery;
import com.sintra.PlanData;

public final class WorkspaceHotQueries {

    /** A (workspace, user) lookup: either index has both columns. */
    private static final String MEMBER_LOOKUP = "workspace_members_pkey|workspace_members_user_idx";

    public static List<HotQuery> queries(PlanData data) {
        return List.of(
                new HotQuery("every workspace access checks membership", WorkspaceRepository.MEMBERSHIP,
                        Map.of("workspace", data.workspace(), "user", data.user()), MEMBER_LOOKUP),
                new HotQuery("the switcher lists the user's workspaces", WorkspaceRepository.WORKSPACES_OF_USER,
                        Map.of("user", data.user(), "includeArchived", false), "workspace_members_user_idx"),
                new HotQuery("a workspace page loads for its member", WorkspaceRepository.ONE_FOR_USER,
                        Map.of("user", data.user(), "workspace", data.workspace()), MEMBER_LOOKUP),
                new HotQuery("a workspace lists its members", WorkspaceRepository.MEMBERS,
                        Map.of("workspace", data.workspace()), "workspace_members_pkey"));
    }
}
