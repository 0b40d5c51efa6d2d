package com.sintra.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import com.sintra.Fixtures;
import com.sintra.account.AccountProperties;
import com.sintra.agent.AgentService;
import com.sintra.chat.ChatService;
import com.sintra.collaboration.CollaborationService;
import com.sintra.brain.BrainService;
import com.sintra.demo.DemoProperties;
import com.sintra.workspace.Workspace;
import com.sintra.workspace.WorkspaceService;

/**
 * Base of the browser tests (classes named *BrowserIT, run by failsafe after the production front-end bundle is
 * built): the real application on a random port in Vaadin production mode, against the real test database,
 * with the demo workspace seeded for the first administrator. All of them share one Spring context (same
 * configuration) and one Chromium (closed when the run ends).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sintra.demo.enabled=true",
        "vaadin.productionMode=true"})
@ActiveProfiles("test")
@Import(Fixtures.class)
@ExtendWith(BrowserTest.SharedBrowser.class)
abstract class BrowserTest {

    @LocalServerPort
    private int port;
    @Autowired
    protected Fixtures fixtures;
    @Autowired
    protected AccountProperties accountProperties;
    @Autowired
    protected DemoProperties demo;
    @Autowired
    protected WorkspaceService workspaces;
    @Autowired
    protected BrainService brain;
    @Autowired
    protected AgentService agents;
    @Autowired
    protected ChatService chat;
    @Autowired
    protected CollaborationService collaborations;

    protected Browser browser;

    @BeforeEach
    void openBrowser(Browser shared) {
        browser = shared.at(port);
        browser.viewport(1366, 850, false);
    }

    /** A browser of its own (another person's, with their own session), for a test to close when done. */
    protected Browser anotherBrowser() {
        Browser another = Browser.start().at(port);
        another.viewport(1366, 850, false);
        return another;
    }

    private static MainViews mainViews;

    /** The main views with their content, seeded once per run (the context, and so the database, is shared). */
    protected MainViews mainViews() {
        if (mainViews == null) {
            mainViews = MainViews.seed(fixtures, demoWorkspace(), brain, agents, chat, collaborations);
        }
        return mainViews;
    }

    /** Opens a main view at this screen size, with the demo workspace selected first (as a person would pick it). */
    protected void openAt(MainViews.MainView view, Screen screen) {
        browser.viewport(screen.width(), screen.height(), screen.phone());
        browser.open("/workspaces/" + mainViews().workspace().id());
        browser.open(view.path());
    }

    protected void signInAsAdmin() {
        browser.staySignedIn(accountProperties.adminEmail(), accountProperties.adminPassword());
    }

    /** The demo workspace, once its three handbook documents are ingested (they start with the application). */
    protected Workspace demoWorkspace() {
        return fixtures.as(fixtures.admin(), () -> {
            Workspace workspace = workspaces.myWorkspaces(false).stream()
                    .filter(w -> w.name().equals(demo.workspaceName())).findFirst().orElseThrow();
            // In this thread: it holds the admin's security context.
            await("the demo documents' ingestion").atMost(Duration.ofSeconds(60)).pollInSameThread()
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(brain.ingestions(workspace.id()))
                            .allSatisfy(p -> assertThat(p.stage().finished()).as(p.message()).isTrue()));
            return workspace;
        });
    }

    protected static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Hands every test the one Chromium of this run; JUnit closes it with the root context, at the end. A failed
     * test leaves a screenshot and the page's address in target/browser-failures, for CI logs.
     */
    static final class SharedBrowser implements ParameterResolver, TestWatcher {

        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            Closing shared = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).get(Browser.class, Closing.class);
            if (shared == null) {
                return;
            }
            String name = context.getRequiredTestClass().getSimpleName() + "." + context.getDisplayName()
                    .replaceAll("[^A-Za-z0-9_.-]+", "_");
            try {
                shared.browser().screenshot(Path.of("target", "browser-failures", name + ".png"));
                System.err.println("Browser test failed at " + shared.browser().driver().getCurrentUrl()
                        + "; screenshot: target/browser-failures/" + name + ".png");
            } catch (RuntimeException e) {
                System.err.println("No screenshot of the failed browser test " + name + ": " + e);
            }
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == Browser.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .getOrComputeIfAbsent(Browser.class, key -> new Closing(Browser.start()), Closing.class).browser();
        }

        private record Closing(Browser browser) implements ExtensionContext.Store.CloseableResource {
            @Override
            public void close() {
                browser.close();
            }
        }
    }
}
