package com.sintra;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.sintra.account.SintraPrincipal;
import com.sintra.account.User;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.router.Route;

import io.github.classgraph.ClassGraph;
import io.github.classgraph.ScanResult;
import com.vaadin.flow.server.VaadinServletRequest;

/**
 * Base for browserless UI tests: real views, real services, real database; Vaadin runs in Karibu's
 * mocked servlet environment. Spring Security's filters do not run there, so a test signs a user in
 * by putting them into the security context and onto the faked request, as the filters would.
 */
public abstract class KaribuTest extends IntegrationTest {

    private static Routes routes;

    @Autowired
    private ApplicationContext context;

    /** The application's own strategy: with more than one test context, the static holder may be another's. */
    @Autowired
    private SecurityContextHolderStrategy securityContexts;

    @BeforeAll
    static void discoverRoutes() {
        // Karibu's own discovery sees only public classes; Sintra's views and layout are package-private.
        try (ScanResult scan = new ClassGraph().enableClassInfo().enableAnnotationInfo().enableExternalClasses().ignoreClassVisibility()
                .acceptPackages("com.sintra").scan()) {
            Set<Class<? extends Component>> views = new HashSet<>();
            scan.getClassesWithAnnotation(Route.class).loadClasses(Component.class).forEach(views::add);
            scan.getClassesWithAnnotation(Layout.class).loadClasses(Component.class).forEach(views::add);
            // Sintra's own error views (the shell's "not found" page), as users see them: an unknown or
            // forbidden address shows that page instead of throwing from navigate().
            Set<Class<? extends HasErrorParameter<?>>> errorViews = new HashSet<>();
            scan.getClassesImplementing(HasErrorParameter.class).filter(c -> !c.isAbstract()).loadClasses()
                    .forEach(c -> errorViews.add(errorView(c)));
            routes = new Routes(views, errorViews, true);
        }
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends HasErrorParameter<?>> errorView(Class<?> view) {
        return (Class<? extends HasErrorParameter<?>>) view;
    }

    /** Opens a fresh browser session as an anonymous visitor. */
    protected void openAnonymously() {
        securityContexts.clearContext();
        MockVaadin.setup(UI::new, new MockSpringServlet(routes, context, UI::new));
    }

    /** Opens a fresh browser session signed in as the user, on the main route. */
    protected void openAs(User user) {
        SintraPrincipal principal = SintraPrincipal.of(user);
        Authentication auth = UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities());
        var securityContext = securityContexts.createEmptyContext();
        securityContext.setAuthentication(auth);
        securityContexts.setContext(securityContext);
        MockVaadin.setup(UI::new, new MockSpringServlet(routes, context, UI::new));
        FakeRequest request = (FakeRequest) ((VaadinServletRequest) VaadinServletRequest.getCurrent()).getRequest();
        request.setUserPrincipalInt(auth);
        request.setUserInRole((p, role) -> auth.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals("ROLE_" + role)));
        UI.getCurrent().navigate("");
    }

    @AfterEach
    void closeBrowserSession() {
        MockVaadin.tearDown();
        securityContexts.clearContext();
    }
}
