package com.sintra.shell;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import com.sintra.account.UserRenamed;

/** Users' new display names, for the user menus of the open UIs, once committed. */
@Component
class UserRenames extends Broadcast<UserRenamed> {

    @TransactionalEventListener(fallbackExecution = true)
    void renamed(UserRenamed event) {
        deliver(event);
    }
}
