package com.sintra.account;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Makes sure an administrator exists. The password comes from SINTRA_ADMIN_PASSWORD, or is generated
 * and printed once to the console (never to the log), since nobody could sign in otherwise.
 */
@Component
@Order(0)
class FirstAdminInitializer implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdminInitializer.class);

    private final AccountService accounts;
    private final AccountProperties properties;

    FirstAdminInitializer(AccountService accounts, AccountProperties properties) {
        this.accounts = accounts;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (accounts.anyAdmin()) {
            log.info("Sign in as an administrator, e.g. {}", properties.adminEmail());
            return;
        }
        boolean generated = properties.adminPassword().isBlank();
        String password = generated ? AccountService.generatePassword() : properties.adminPassword();
        try {
            accounts.createWithoutCaller(new NewUser(properties.adminEmail(), properties.adminName(), password, Role.ADMIN));
        } catch (DuplicateKeyException raceWithAnotherNode) {
            return;
        }
        System.out.println("""

                ==================== Sintra: first administrator ====================
                  e-mail:   %s
                  password: %s
                %s=====================================================================
                """.formatted(properties.adminEmail(), generated ? password : "(as set in SINTRA_ADMIN_PASSWORD)",
                generated ? "  This password is shown only once: sign in and keep it safe.\n" : ""));
    }
}
