package com.sintra.brain;

/** Thrown inside an ingestion when its user cancelled it; rolls back whatever was being written. */
class IngestionCancelledException extends RuntimeException {

    IngestionCancelledException() {
        super("Cancelled", null, false, false);
    }
}
