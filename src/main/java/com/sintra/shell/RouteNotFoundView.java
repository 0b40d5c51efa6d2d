package com.sintra.shell;

import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.ParentLayout;

import jakarta.annotation.security.PermitAll;

/** An address no view answers. */
@ParentLayout(MainLayout.class)
@PermitAll
class RouteNotFoundView extends NotFoundPage<NotFoundException> {
}
