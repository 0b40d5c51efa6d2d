package com.sintra.shell;

import com.sintra.base.NotFoundException;
import com.vaadin.flow.router.ParentLayout;

import jakarta.annotation.security.PermitAll;

/** A view asked a service for something that does not exist or is not the caller's, and let it reach the router. */
@ParentLayout(MainLayout.class)
@PermitAll
class ThingNotFoundView extends NotFoundPage<NotFoundException> {
}
