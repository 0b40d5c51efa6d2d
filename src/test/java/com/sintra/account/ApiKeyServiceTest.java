package com.sintra.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

import com.sintra.IntegrationTest;
import com.sintra.base.InvalidInputException;
import com.sintra.base.NotFoundException;

class ApiKeyServiceTest extends IntegrationTest {

    @Autowired
    ApiKeyService apiKeys;

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @Test
    void a_new_key_is_shown_once_and_only_its_hash_and_prefix_are_stored() {
        User user = fixtures.newUser();
        String key = fixtures.as(user, () -> apiKeys.create("  Nightly import  "));

        assertThat(key).matches("sk_[0-9a-f]{8}_[A-Za-z0-9_-]{43}");
        ApiKey listed = fixtures.as(user, () -> apiKeys.myKeys()).get(0);
        assertThat(listed.name()).isEqualTo("Nightly import");
        assertThat(key).startsWith(listed.prefix() + "_");
        assertThat(listed.lastUsedAt()).isNull();
        assertThat(listed.revoked()).isFalse();
        String stored = jdbc.sql("SELECT key_hash FROM api_keys WHERE id = :id").param("id", listed.id().value())
                .query(String.class).single();
        assertThat(stored).isEqualTo(ApiKeyService.hash(key)).doesNotContain(key.substring(listed.prefix().length() + 1));
    }

    @Test
    void every_key_is_different() {
        User user = fixtures.newUser();
        String first = fixtures.as(user, () -> apiKeys.create("One"));
        String second = fixtures.as(user, () -> apiKeys.create("One"));
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void a_key_authenticates_its_owner() {
        User user = fixtures.newUser();
        String key = fixtures.as(user, () -> apiKeys.create("Script"));
        assertThat(apiKeys.authenticate(key)).contains(user);
    }

    @Test
    void a_revoked_key_stops_working_at_once() {
        User user = fixtures.newUser();
        String key = fixtures.as(user, () -> apiKeys.create("Script"));
        ApiKeyId id = fixtures.as(user, () -> apiKeys.myKeys()).get(0).id();

        fixtures.as(user, () -> apiKeys.revoke(id));

        assertThat(apiKeys.authenticate(key)).isEmpty();
        assertThat(fixtures.as(user, () -> apiKeys.myKeys()).get(0).revoked()).isTrue();
    }

    @Test
    void deactivating_a_user_revokes_all_their_keys_and_they_stay_revoked_after_reactivation() {
        User user = fixtures.newUser();
        String first = fixtures.as(user, () -> apiKeys.create("Script"));
        String second = fixtures.as(user, () -> apiKeys.create("Other script"));

        fixtures.as(fixtures.admin(), () -> accounts.setActive(user.id(), false));
        assertThat(apiKeys.authenticate(first)).isEmpty();
        assertThat(fixtures.as(user, () -> apiKeys.myKeys())).allMatch(ApiKey::revoked);

        fixtures.as(fixtures.admin(), () -> accounts.setActive(user.id(), true));
        assertThat(apiKeys.authenticate(first)).isEmpty();
        assertThat(apiKeys.authenticate(second)).isEmpty();
        assertThat(fixtures.as(user, () -> apiKeys.myKeys())).hasSize(2).allMatch(ApiKey::revoked);
    }

    @Test
    void a_deactivated_user_whose_session_still_runs_cannot_create_a_key() {
        User user = fixtures.newUser();
        fixtures.as(fixtures.admin(), () -> accounts.setActive(user.id(), false));

        // The user's signed-in principal still says "active": only the database knows better.
        assertThatThrownBy(() -> fixtures.as(user, () -> apiKeys.create("Sneaky")))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessage("This account is deactivated, so it cannot create API keys.");
        assertThat(fixtures.as(user, () -> apiKeys.myKeys())).isEmpty();
    }

    @Test
    void unknown_malformed_and_altered_keys_authenticate_nobody() {
        User user = fixtures.newUser();
        String key = fixtures.as(user, () -> apiKeys.create("Script"));
        String altered = key.substring(0, key.length() - 1) + (key.endsWith("A") ? "B" : "A");

        for (String wrong : new String[] {null, "", "sk_", "not-a-key", altered, key + " ", "sk_" + "x".repeat(10_000)}) {
            assertThat(apiKeys.authenticate(wrong)).as(String.valueOf(wrong)).isEmpty();
        }
    }

    @Test
    void a_user_revokes_only_their_own_keys() {
        User owner = fixtures.newUser();
        String key = fixtures.as(owner, () -> apiKeys.create("Mine"));
        ApiKeyId id = fixtures.as(owner, () -> apiKeys.myKeys()).get(0).id();
        User other = fixtures.newUser();

        assertThatThrownBy(() -> fixtures.as(other, () -> apiKeys.revoke(id))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fixtures.as(other, () -> apiKeys.revoke(new ApiKeyId(UUID.randomUUID()))))
                .isInstanceOf(NotFoundException.class);
        assertThat(apiKeys.authenticate(key)).isPresent();
    }

    @Test
    void users_see_only_their_own_keys_newest_first() {
        User user = fixtures.newUser();
        User other = fixtures.newUser();
        fixtures.as(user, () -> apiKeys.create("Older"));
        fixtures.as(user, () -> apiKeys.create("Newer"));
        fixtures.as(other, () -> apiKeys.create("Someone else's"));

        assertThat(fixtures.as(user, () -> apiKeys.myKeys())).extracting(ApiKey::name).containsExactly("Newer", "Older");
    }

    @Test
    void empty_and_over_long_names_are_refused_and_nothing_is_stored() {
        User user = fixtures.newUser();
        for (String name : new String[] {null, "", "   ", "x".repeat(ApiKeyService.MAX_NAME + 1)}) {
            assertThatThrownBy(() -> fixtures.as(user, () -> apiKeys.create(name)))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("name"));
        }
        assertThat(fixtures.as(user, () -> apiKeys.myKeys())).isEmpty();
    }

    @Test
    void a_user_has_at_most_fifty_active_keys_and_revoking_one_makes_room() {
        User user = fixtures.newUser();
        for (int i = 0; i < ApiKeyService.MAX_ACTIVE_KEYS; i++) {
            String name = "Key " + i;
            fixtures.as(user, () -> apiKeys.create(name));
        }
        assertThatThrownBy(() -> fixtures.as(user, () -> apiKeys.create("One too many")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("50");

        List<ApiKey> keys = fixtures.as(user, () -> apiKeys.myKeys());
        fixtures.as(user, () -> apiKeys.revoke(keys.get(0).id()));
        assertThat(fixtures.as(user, () -> apiKeys.create("Room again"))).startsWith("sk_");
    }

    @Test
    void last_use_is_written_at_most_once_a_minute() {
        User user = fixtures.newUser();
        String key = fixtures.as(user, () -> apiKeys.create("Busy script"));
        ApiKeyId id = fixtures.as(user, () -> apiKeys.myKeys()).get(0).id();

        apiKeys.authenticate(key);
        Instant first = lastUsed(user);
        apiKeys.authenticate(key);
        assertThat(first).isNotNull();
        assertThat(lastUsed(user)).isEqualTo(first);

        jdbc.sql("UPDATE api_keys SET last_used_at = now() - interval '2 minutes' WHERE id = :id")
                .param("id", id.value()).update();
        Instant twoMinutesAgo = lastUsed(user);
        apiKeys.authenticate(key);
        assertThat(lastUsed(user)).isAfter(twoMinutesAgo);
    }

    private Instant lastUsed(User user) {
        return fixtures.as(user, () -> apiKeys.myKeys()).get(0).lastUsedAt();
    }
}
