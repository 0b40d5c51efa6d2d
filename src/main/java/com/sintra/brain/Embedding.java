package com.sintra.brain;

import java.sql.SQLException;

import org.postgresql.util.PGobject;

import com.pgvector.PGvector;

/**
 * An embedded text, and the form PostgreSQL reads a vector in, written once however often it is bound:
 * formatting 384 floats as text took more of a cached chat answer's time than any statement that bound them.
 * Immutable; the text form is made on first use.
 */
public final class Embedding {

    private final float[] values;
    private volatile String text;

    Embedding(float[] values) {
        this.values = values;
    }

    float[] values() {
        return values.clone();
    }

    /** A statement parameter of type {@code vector}. */
    public PGobject parameter() {
        String value = text;
        if (value == null) {
            // Racing threads write the same string: no lock needed.
            value = new PGvector(values).getValue();
            text = value;
        }
        PGobject parameter = new PGobject();
        parameter.setType("vector");
        try {
            parameter.setValue(value);
        } catch (SQLException e) {
            throw new IllegalStateException("A plain PGobject accepts any value", e);
        }
        return parameter;
    }

    /** Cosine similarity, from -1 to 1: how close in meaning the two texts are (0 when either is all zeros). */
    public double similarity(Embedding other) {
        double dot = 0;
        double norm = 0;
        double otherNorm = 0;
        int n = Math.min(values.length, other.values.length);
        for (int i = 0; i < n; i++) {
            dot += values[i] * other.values[i];
            norm += values[i] * values[i];
            otherNorm += other.values[i] * other.values[i];
        }
        return norm == 0 || otherNorm == 0 ? 0 : dot / Math.sqrt(norm * otherNorm);
    }
}
