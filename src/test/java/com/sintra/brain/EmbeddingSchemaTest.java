package com.sintra.brain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import com.sintra.IntegrationTest;

/** Runs in a transaction that is rolled back: DDL is transactional in PostgreSQL, so the test database is left as it was. */
class EmbeddingSchemaTest extends IntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transaction;

    @Test
    void an_empty_brain_gets_the_models_dimensions_and_a_shared_index_built_with_the_configured_graph_settings() {
        BrainProperties properties = TestBrainProperties.with(Map.of("sintra.brain.hnsw-m", "24",
                "sintra.brain.hnsw-ef-construction", "100"));
        transaction.executeWithoutResult(tx -> {
            tx.setRollbackOnly();
            jdbc.update("DELETE FROM brain_chunks");
            new EmbeddingSchema(jdbc, transaction, new EightDimensions(), properties).run(null);

            assertThat(jdbc.queryForObject("""
                    SELECT atttypmod FROM pg_attribute WHERE attrelid = 'brain_chunks'::regclass AND attname = 'embedding'""",
                    Integer.class)).isEqualTo(8);
            assertThat(jdbc.queryForObject("SELECT indexdef FROM pg_indexes WHERE indexname = 'brain_chunks_embedding_hnsw_idx'",
                    String.class)).contains("m='24'", "ef_construction='100'");
        });
    }

    private static final class EightDimensions implements EmbeddingModel {

        @Override
        public float[] embed(String text) {
            return new float[8];
        }

        @Override
        public List<float[]> embedAll(List<String> texts) {
            return texts.stream().map(this::embed).toList();
        }

        @Override
        public int dimensions() {
            return 8;
        }

        @Override
        public String modelId() {
            return "eight";
        }
    }
}
