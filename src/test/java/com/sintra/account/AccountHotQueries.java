package com.sintra.account;

import java.util.List;
import java.util.Map;

import com.sintra.HotQuery;
import com.sintra.PlanData;

public final class AccountHotQueries {

    public static List<HotQuery> queries(PlanData data) {
        return List.of(
                new HotQuery("sign-in looks a user up by e-mail", UserRepository.FIND_BY_EMAIL,
                        Map.of("email", "PLAN-5000@plans.sintra"), "users_email_lower_key"),
                new HotQuery("admins page through users, newest first", UserRepository.PAGE,
                        Map.of("limit", 50, "offset", 0), "users_created_at_idx"));
    }
}
