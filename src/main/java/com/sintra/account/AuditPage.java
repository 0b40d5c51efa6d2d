package com.sintra.account;

import java.util.List;

/** A page of audit entries, newest first; {@code next} continues after its last entry, null at the end. */
public record AuditPage(List<AuditEntry> entries, AuditEntry.AuditCursor next) {

    public AuditPage {
        entries = List.copyOf(entries);
    }
}
