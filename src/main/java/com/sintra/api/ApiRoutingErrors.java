package com.sintra.api;

import java.io.IOException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Problem details for API requests that fail before an API controller is chosen: no such endpoint, a method
 * or content type the endpoint does not take, an upload over the size limit. {@link ApiProblems} only sees
 * errors of the {@link ApiController}s, and Spring's default for the rest is an error page, which under
 * the browser's security chain turns into a redirect to the sign-in page.
 */
@Component
class ApiRoutingErrors implements HandlerExceptionResolver, Ordered {

    private final ApiProblems problems;
    private final ObjectMapper json;

    ApiRoutingErrors(ApiProblems problems, ObjectMapper json) {
        this.problems = problems;
        this.json = json;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                                         Exception e) {
        if (!request.getRequestURI().startsWith(request.getContextPath() + "/api/") || isApiController(handler)) {
            return null;
        }
        ResponseEntity<Object> problem;
        try {
            problem = problems.handleException(e, new ServletWebRequest(request, response));
        } catch (Exception notAnMvcError) {
            return null;
        }
        if (problem == null || !(problem.getBody() instanceof ProblemDetail body) || response.isCommitted()) {
            return null;
        }
        try {
            response.setStatus(problem.getStatusCode().value());
            problem.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), body);
        } catch (IOException clientGone) {
            // Nothing left to tell a client that hung up.
        }
        return new ModelAndView();
    }

    private static boolean isApiController(Object handler) {
        return handler instanceof HandlerMethod method
                && AnnotatedElementUtils.hasAnnotation(method.getBeanType(), ApiController.class);
    }

    /** Before Spring MVC's own resolvers, which would answer with an error page. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
