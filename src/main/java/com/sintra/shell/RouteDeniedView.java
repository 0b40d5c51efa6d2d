package com.sintra.shell;

import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.ParentLayout;

import jakarta.annotation.security.PermitAll;

/** A view the signed-in user may not open (an administrator's, say): told as "not found", not "forbidden". */
@ParentLayout(MainLayout.class)
@PermitAll
class RouteDeniedView extends NotFoundPage<AccessDeniedException> {
}
