package com.sintra.shell;

import com.sintra.account.CurrentUser;
import com.sintra.account.SintraPrincipal;
import com.sintra.account.UserId;
import com.sintra.base.Subscription;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.avatar.Avatar;
import com.vaadin.flow.component.avatar.AvatarVariant;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.contextmenu.SubMenu;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.spring.security.AuthenticationContext;

/** The signed-in user's menu: who they are, their settings, the API documentation, the theme, signing out. */
class UserMenu extends Composite<MenuBar> {

    /** The browser's stored choice; absent means "follow the system". frontend/index.html reads it before first paint. */
    static final String THEME_KEY = "sintra-theme";

    private static final String TOGGLE_THEME = """
            const html = document.documentElement;
            const dark = !(html.getAttribute('theme') || '').split(' ').includes('dark');
            const others = (html.getAttribute('theme') || '').split(' ').filter(t => t && t !== 'dark');
            html.setAttribute('theme', (dark ? others.concat('dark') : others).join(' '));
            try { localStorage.setItem($0, dark ? 'dark' : 'light'); } catch (e) { /* private mode: this page only */ }
            return dark;""";

    private static final String IS_DARK = "return (document.documentElement.getAttribute('theme') || '').split(' ').includes('dark');";

    private final MenuItem themeToggle;
    private final UserRenames renames;
    private final UserId me;
    private final Avatar avatar;
    private final MenuItem root;
    private final Span shownName = new Span();
    private final Span whoName = new Span();
    private Subscription renameSubscription;

    UserMenu(CurrentUser currentUser, AuthenticationContext authentication, UserRenames renames) {
        this.renames = renames;
        this.me = currentUser.principal().map(SintraPrincipal::id).orElse(null);
        MenuBar bar = getContent();
        bar.setId("user-menu");
        bar.addClassName("sintra-user-menu");
        bar.addThemeVariants(MenuBarVariant.LUMO_TERTIARY_INLINE);
        String name = currentUser.principal().map(SintraPrincipal::user).map(u -> u.displayName()).orElse("");
        String email = currentUser.principal().map(SintraPrincipal::getUsername).orElse("");
        avatar = new Avatar();
        avatar.addThemeVariants(AvatarVariant.LUMO_XSMALL);
        root = bar.addItem(avatar);
        shownName.addClassName("sintra-user-name");
        root.add(shownName);
        showName(name);

        SubMenu menu = root.getSubMenu();
        Div who = new Div(whoName, new Span(email));
        who.addClassName("sintra-user-who");
        menu.addItem(who).setEnabled(false);
        menu.addSeparator();
        menu.addItem("Account settings", e -> e.getSource().getUI().ifPresent(ui -> ui.navigate("settings")))
                .setId("account-settings");
        // A real link: a new tab opened from a server round trip is what pop-up blockers stop.
        Anchor api = new Anchor("swagger-ui.html", "API documentation", AnchorTarget.BLANK);
        api.setRouterIgnore(true);
        api.getElement().setAttribute("rel", "noopener");
        api.addClassName("sintra-menu-link");
        menu.addItem(api).setId("api-documentation");
        themeToggle = menu.addItem("Dark theme", e -> toggleTheme());
        themeToggle.setId("theme-toggle");
        themeToggle.setCheckable(true);
        menu.addSeparator();
        menu.addItem("Sign out", e -> authentication.logout()).setId("sign-out");
    }

    private void showName(String name) {
        avatar.setName(name);
        root.setAriaLabel("User menu: " + name);
        shownName.setText(name);
        whoName.setText(name);
    }

    private void toggleTheme() {
        // On the page, not the item: the item's element lives in an overlay that is not attached until opened.
        getUI().ifPresent(ui -> ui.getPage().executeJs(TOGGLE_THEME, THEME_KEY).then(Boolean.class, themeToggle::setChecked));
    }

    /** The page chose the theme before it was painted (index.html); the check mark shows which. */
    @Override
    protected void onAttach(AttachEvent attachEvent) {
        getElement().executeJs(IS_DARK).then(Boolean.class, themeToggle::setChecked);
        // The user's other tabs show a new name as well as the one where they changed it.
        renameSubscription = renames.subscribe(attachEvent.getUI(), event -> {
            if (event.user().equals(me)) {
                showName(event.displayName());
            }
        });
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (renameSubscription != null) {
            renameSubscription.cancel();
            renameSubscription = null;
        }
    }
}
