package com.sintra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeds at least 10,000 rows into every hot table, then asks PostgreSQL for the plan of every hot
 * query the code issues (see {@link HotQueries}), after the statements the code runs before it in its
 * transaction, and checks that it uses the intended indexes and scans no table sequentially.
 */
class HotQueryPlansTest extends IntegrationTest {

    private static PlanData data;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transaction;

    @BeforeAll
    static void seed(@Autowired JdbcTemplate jdbcTemplate, @Autowired JdbcClient jdbc) {
        data = PlanData.seed(jdbcTemplate, jdbc);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void every_hot_query_uses_its_indexes_and_scans_no_table_sequentially(String name) {
        HotQuery query = HotQueries.ALL.stream().flatMap(set -> set.apply(data).stream())
                .filter(q -> q.name().equals(name)).findFirst().orElseThrow();
        Plan plan = transaction.execute(tx -> {
            tx.setRollbackOnly();
            query.before().forEach(statement -> jdbc.sql(statement.sql()).params(statement.params()).query((rs, n) -> 1).list());
            return Plan.of(jdbc, query.sql(), query.params());
        });

        assertThat(query.expectedIndexes()).as(plan.json()).allMatch(plan::uses);
        assertThat(plan.scansSequentially()).as(plan.json()).isFalse();
    }

    /** Names only: parameters come from the seeded data, which exists only once {@link #seed} has run. */
    static Stream<String> names() {
        return HotQueries.ALL.stream().flatMap(set -> set.apply(PlanData.placeholder()).stream()).map(HotQuery::name);
    }
}
