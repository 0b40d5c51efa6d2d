package com.sintra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The plan PostgreSQL picks for a statement with its parameters, as EXPLAIN gives it, flattened into its
 * nodes. Run in the caller's transaction, so its transaction-local settings count.
 */
public record Plan(String json, List<JsonNode> nodes) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static Plan of(JdbcClient jdbc, String sql, Map<String, ?> params) {
        String json = jdbc.sql("EXPLAIN (FORMAT JSON) " + sql).params(params).query(String.class).single();
        List<JsonNode> nodes = new ArrayList<>();
        try {
            collect(JSON.readTree(json).get(0).get("Plan"), nodes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("EXPLAIN gave no JSON", e);
        }
        return new Plan(json, List.copyOf(nodes));
    }

    /** Every index a node of the plan reads, in plan order. */
    public List<String> indexes() {
        return nodes.stream().map(n -> n.path("Index Name").asText()).filter(name -> !name.isEmpty()).toList();
    }

    /** Whether some node reads an index whose name matches {@code pattern} (a regular expression). */
    public boolean uses(String pattern) {
        return indexes().stream().anyMatch(name -> name.matches(pattern));
    }

    public boolean scansSequentially() {
        return nodes.stream().anyMatch(n -> n.path("Node Type").asText().equals("Seq Scan"));
    }

    @Override
    public String toString() {
        return json;
    }

    private static void collect(JsonNode node, List<JsonNode> into) {
        into.add(node);
        node.path("Plans").forEach(child -> collect(child, into));
    }
}
