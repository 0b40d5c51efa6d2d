package com.sintra.observability;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.HandlerHelper;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinRequestInterceptor;
import com.vaadin.flow.server.VaadinResponse;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.VaadinServletResponse;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.WrappedSession;
import com.vaadin.flow.server.communication.IndexHtmlResponse;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.http.HttpServletRequest;

/**
 * What Vaadin does, measured where Vaadin runs it: the server's part of each round trip (a UIDL request: reading
 * the client's changes, running listeners under the session lock, writing the response), timed by the view the UI
 * shows; the sessions and UIs alive on this node; and the page-load reporter inlined in the bootstrap page of a
 * signed-in user (docs/decisions/0027-front-end-timings.md), so it adds nothing to Vaadin's bundle.
 */
@Component
class VaadinMeters implements VaadinServiceInitListener {

    static final String ROUND_TRIP = "sintra.vaadin.roundtrip";
    static final String SESSIONS = "sintra.vaadin.sessions";
    static final String UIS = "sintra.vaadin.uis";
    private static final String STARTED = VaadinMeters.class.getName() + ".started";
    private static final String VIEWS = VaadinMeters.class.getName() + ".views";

    private final MeterRegistry meters;
    private final SlowRequests slow;
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicInteger uis = new AtomicInteger();

    VaadinMeters(MeterRegistry meters, SlowRequests slow) {
        this.meters = meters;
        this.slow = slow;
        Gauge.builder(SESSIONS, sessions, AtomicInteger::get).description("Vaadin sessions on this node").register(meters);
        Gauge.builder(UIS, uis, AtomicInteger::get).description("Vaadin UIs (open tabs) on this node").register(meters);
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(init -> sessions.incrementAndGet());
        event.getSource().addSessionDestroyListener(destroy -> sessions.updateAndGet(n -> Math.max(0, n - 1)));
        event.getSource().addUIInitListener(init -> {
            UI ui = init.getUI();
            uis.incrementAndGet();
            ui.addAfterNavigationListener(navigation -> views(ui.getSession()).put(ui.getUIId(), view(ui)));
            ui.addDetachListener(detach -> {
                uis.updateAndGet(n -> Math.max(0, n - 1));
                if (ui.getSession() != null) {
                    views(ui.getSession()).remove(ui.getUIId());
                }
            });
        });
        event.addVaadinRequestInterceptor(new RoundTrips());
        event.addIndexHtmlRequestListener(this::addReporter);
    }

    /** Times UIDL requests; interceptors run around the whole of Vaadin's handling, session lock included. */
    private final class RoundTrips implements VaadinRequestInterceptor {

        @Override
        public void requestStart(VaadinRequest request, VaadinResponse response) {
            if (HandlerHelper.isRequestType(request, HandlerHelper.RequestType.UIDL)) {
                request.setAttribute(STARTED, System.nanoTime());
            }
        }

        @Override
        public void handleException(VaadinRequest request, VaadinResponse response, VaadinSession session, Exception e) {
        }

        @Override
        public void requestEnd(VaadinRequest request, VaadinResponse response, VaadinSession session) {
            if (!(request.getAttribute(STARTED) instanceof Long started)) {
                return;
            }
            long nanos = System.nanoTime() - started;
            String view = viewOf(session, request.getParameter("v-uiId"));
            Timer.builder(ROUND_TRIP).tag("view", view).description("Server time of a Vaadin round trip, by view")
                    .register(meters).record(nanos, TimeUnit.NANOSECONDS);
            int status = response instanceof VaadinServletResponse servlet ? servlet.getHttpServletResponse().getStatus() : 200;
            slow.finished("vaadin", view, request.getMethod(), status, nanos, null);
        }
    }

    /**
     * The views the session's UIs show, by UI id, kept in the HTTP session: written on navigation (under the
     * session's lock) and read when a round trip ends, by then without the lock and without a current UI.
     */
    @SuppressWarnings("unchecked")
    private static Map<Integer, String> views(VaadinSession session) {
        WrappedSession http = session.getSession();
        Object views = http.getAttribute(VIEWS);
        if (views == null) {
            views = new ConcurrentHashMap<Integer, String>();
            http.setAttribute(VIEWS, views);
        }
        return (Map<Integer, String>) views;
    }

    private static String viewOf(VaadinSession session, String uiId) {
        if (session == null || uiId == null || session.getSession() == null) {
            return "none";
        }
        try {
            return views(session).getOrDefault(Integer.parseInt(uiId), "none");
        } catch (NumberFormatException | IllegalStateException e) {
            return "none";
        }
    }

    /** The view a UI shows, by its class's simple name: a bounded tag (one value per view class). */
    static String view(UI ui) {
        if (ui == null) {
            return "none";
        }
        List<HasElement> chain = ui.getInternals().getActiveRouterTargetsChain();
        if (chain.isEmpty()) {
            return "none";
        }
        return ClassUtils.getUserClass(chain.get(0)).getSimpleName();
    }

    private void addReporter(IndexHtmlResponse page) {
        if (!(page.getVaadinRequest() instanceof VaadinServletRequest servlet)) {
            return;
        }
        HttpServletRequest request = servlet.getHttpServletRequest();
        // Only signed-in users may report, so only their pages carry the reporter (the sign-in page does not).
        if (request.getUserPrincipal() == null || !(request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken csrf)) {
            return;
        }
        page.getDocument().head().appendElement("script")
                .appendChild(new org.jsoup.nodes.DataNode(PageLoads.script(request.getContextPath(), csrf)));
    }
}
