package com.sintra.brain;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes the embedding column fit the configured model before anything is ingested. The schema ships
 * with 384 dimensions (the bundled model); another model's vectors need another column type. That is
 * only safe while the brain is empty; with data in it, changing models needs a re-embedding, so
 * Sintra refuses to start rather than mix vectors that cannot be compared.
 */
@Component
@Order(-10)
class EmbeddingSchema implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(EmbeddingSchema.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final EmbeddingModel model;
    private final BrainProperties properties;

    EmbeddingSchema(JdbcTemplate jdbc, TransactionTemplate transaction, EmbeddingModel model, BrainProperties properties) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.model = model;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        int dimensions = model.dimensions();
        Integer column = jdbc.queryForObject("""
                SELECT atttypmod FROM pg_attribute WHERE attrelid = 'brain_chunks'::regclass AND attname = 'embedding'""",
                Integer.class);
        if (column != null && column == dimensions) {
            return;
        }
        transaction.executeWithoutResult(tx -> {
            if (Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM brain_chunks)", Boolean.class))) {
                throw new IllegalStateException("The brain holds " + column + "-dimensional embeddings but the configured model ("
                        + model.modelId() + ") makes " + dimensions + ": switch back, or empty the brain to re-ingest with the new model");
            }
            // DDL takes no bind parameters; the only values are ints from configuration. The shared index is
            // built as the workspaces' own ones are: the planner weighs them against each other by a cost that
            // grows with m (docs/decisions/0004).
            jdbc.execute("DROP INDEX IF EXISTS brain_chunks_embedding_hnsw_idx");
            jdbc.execute("ALTER TABLE brain_chunks ALTER COLUMN embedding TYPE vector(" + dimensions + ")");
            jdbc.execute("CREATE INDEX brain_chunks_embedding_hnsw_idx ON brain_chunks USING hnsw (embedding vector_cosine_ops)"
                    + " WITH (m = " + properties.hnswM() + ", ef_construction = " + properties.hnswEfConstruction() + ")");
        });
        log.info("The brain's embedding column now has {} dimensions, for {}", dimensions, model.modelId());
    }
}
