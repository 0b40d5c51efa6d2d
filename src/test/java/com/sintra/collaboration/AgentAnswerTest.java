package com.sintra.collaboration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgentAnswerTest {

    @Test
    void a_last_line_that_may_become_the_goal_met_marker_is_held_back_from_the_feed() {
        assertThat(AgentAnswer.visibleEnd("All done.\nGO")).isEqualTo("All done.\n".length());
        assertThat(AgentAnswer.visibleEnd("All done.\n**GOAL MET**")).isEqualTo("All done.\n".length());
        assertThat(AgentAnswer.visibleEnd("All done.\nGoals")).isEqualTo("All done.\nGoals".length());
        assertThat(AgentAnswer.visibleEnd("All done.")).isEqualTo("All done.".length());
    }

    @Test
    void the_marker_counts_only_as_the_last_line_and_is_taken_off() {
        assertThat(AgentAnswer.endsWithMarker("All done.\nGoal met.\n")).isTrue();
        assertThat(AgentAnswer.withoutMarker("All done.\nGoal met.\n")).isEqualTo("All done.");
        assertThat(AgentAnswer.endsWithMarker("GOAL MET? Not yet.\nMore to do")).isFalse();
    }
}
