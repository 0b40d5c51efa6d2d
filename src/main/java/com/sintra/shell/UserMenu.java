package com.sintra.shell;

import com.sintra.account.CurrentUser;
import com.sintra.account.SintraPrincipal;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.avatar.Avatar;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.spring.security.AuthenticationContext;

class UserMenu extends Composite<MenuBar> {

    UserMenu(CurrentUser currentUser, AuthenticationContext authentication) {
        MenuBar bar = getContent();
        bar.setId("user-menu");
        bar.addThemeVariants(MenuBarVariant.LUMO_TERTIARY_INLINE);
        String name = currentUser.principal().map(SintraPrincipal::user).map(u -> u.displayName()).orElse("");
        String email = currentUser.principal().map(SintraPrincipal::getUsername).orElse("");
        Avatar avatar = new Avatar(name);
        avatar.addThemeVariants(com.vaadin.flow.component.avatar.AvatarVariant.LUMO_XSMALL);
        MenuItem root = bar.addItem(avatar);
        root.add(new Span(" " + name));
        root.getSubMenu().addItem(email).setEnabled(false);
        root.getSubMenu().addItem("Sign out", e -> authentication.logout());
    }
}
