package com.sintra.base;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LookupTest {

    @Test
    void typed_letters_become_a_contains_pattern_with_the_users_wildcards_taken_literally() {
        assertThat(Lookup.of("  Hand ", 5).pattern()).isEqualTo("%hand%");
        assertThat(Lookup.of("50%_off\\", 5).pattern()).isEqualTo("%50\\%\\_off\\\\%");
        assertThat(Lookup.of("   ", 5).isEmpty()).isTrue();
        assertThat(Lookup.of("x", 1000).limit()).isEqualTo(Lookup.MAX_LIMIT);
        assertThat(Lookup.of("x", 0).limit()).isEqualTo(1);
    }
}
