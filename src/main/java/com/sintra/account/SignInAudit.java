package com.sintra.account;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Failed sign-ins, written to the audit log for administrators (the audit log view reads them). */
@Repository
class SignInAudit {

    static final String ACTION = "sign_in_failed";

    private final JdbcClient jdbc;

    SignInAudit(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param email   the normalized e-mail tried, whether or not an account has it
     * @param reason  {@code bad_credentials} (wrong password or unknown e-mail), {@code deactivated} or
     *                {@code throttled} (refused unchecked)
     */
    void failed(String email, String address, String reason) {
        jdbc.sql("""
                        INSERT INTO audit_log (action, target_type, target_id, details)
                        VALUES (:action, 'account', :email,
                                jsonb_build_object('address', CAST(:address AS text), 'reason', CAST(:reason AS text)))""")
                .param("action", ACTION).param("email", email).param("address", address).param("reason", reason)
                .update();
    }
}
