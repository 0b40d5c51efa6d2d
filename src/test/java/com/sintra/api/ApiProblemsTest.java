package com.sintra.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import jakarta.servlet.MultipartConfigElement;

class ApiProblemsTest {

    @Test
    void a_request_that_finds_no_database_connection_in_time_is_told_to_try_again_instead_of_failing() {
        ApiProblems problems = new ApiProblems(new MultipartConfigElement(""));

        var answer = problems.busy(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available")));

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(answer.getBody().getDetail()).contains("nothing was changed").doesNotContain("Hikari");
    }
}
