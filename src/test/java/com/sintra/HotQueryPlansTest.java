package com.sintra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Seeds at least 10,000 rows into every hot table, then asks PostgreSQL for the plan of every hot
 * query the code issues (see {@link HotQueries}) and checks that it uses the intended index and
 * scans no table sequentially.
 */
class HotQueryPlansTest extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static PlanData data;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void seed(@Autowired JdbcTemplate jdbcTemplate, @Autowired JdbcClient jdbc) {
        data = PlanData.seed(jdbcTemplate, jdbc);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void every_hot_query_uses_its_index_and_scans_no_table_sequentially(String name) throws Exception {
        HotQuery query = HotQueries.ALL.stream().flatMap(set -> set.apply(data).stream())
                .filter(q -> q.name().equals(name)).findFirst().orElseThrow();
        String plan = jdbc.sql("EXPLAIN (FORMAT JSON) " + query.sql()).params(query.params()).query(String.class).single();
        List<JsonNode> nodes = new ArrayList<>();
        collect(JSON.readTree(plan).get(0).get("Plan"), nodes);

        assertThat(nodes).as(plan).anyMatch(n -> n.path("Index Name").asText().matches(query.expectedIndex()));
        assertThat(nodes).as(plan).noneMatch(n -> n.path("Node Type").asText().equals("Seq Scan"));
    }

    /** Names only: parameters come from the seeded data, which exists only once {@link #seed} has run. */
    static Stream<String> names() {
        PlanData placeholder = new PlanData(java.util.UUID.randomUUID(), java.util.UUID.randomUUID(), java.util.UUID.randomUUID(),
                java.util.UUID.randomUUID(), java.util.UUID.randomUUID());
        return HotQueries.ALL.stream().flatMap(set -> set.apply(placeholder).stream()).map(HotQuery::name);
    }

    private static void collect(JsonNode node, List<JsonNode> into) {
        into.add(node);
        node.path("Plans").forEach(child -> collect(child, into));
    }
}
