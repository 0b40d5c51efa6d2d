package com.sintra.account;

import java.util.List;
import java.util.Map;

import com.sintra.HotQuery;
import com.sintra.PlanData;

public final class ApiKeyHotQueries {

    public static List<HotQuery> queries(PlanData data) {
        return List.of(
                new HotQuery("every API request looks its key up by hash", ApiKeyRepository.FIND_USABLE_BY_HASH,
                        Map.of("hash", ApiKeyService.hash("sk_plan_key")), "api_keys_hash_key"),
                new HotQuery("settings lists the user's API keys", ApiKeyRepository.KEYS_OF_USER,
                        Map.of("user", data.user()), "api_keys_user_idx"),
                new HotQuery("creating an API key counts the user's active keys", ApiKeyRepository.COUNT_ACTIVE_OF_USER,
                        Map.of("user", data.user()), "api_keys_user_idx"));
    }
}
