package com.sintra.api;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.sintra.base.InvalidInputException;
import com.sintra.base.NotFoundException;

import jakarta.servlet.MultipartConfigElement;

/**
 * Turns every error of an API request into an RFC 9457 problem detail a client can act on: bad input is a
 * 400 naming the request property at fault ({@code field}), missing or not-yours a 404, a role too low a
 * 403, an upload over the limit a 413. Spring MVC's own errors (wrong method, wrong content type, …) keep
 * the statuses its base class gives them. It advises every {@link ApiController}, whatever its package.
 * A feature's own exceptions (chat's busy answer) are mapped by that feature's controller, so this shared
 * transport depends on no feature.
 */
@RestControllerAdvice(annotations = ApiController.class)
class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    // Services name fields as their forms do; the API's properties are named for the ids they carry.
    private static final Map<String, String> API_FIELD_NAMES = Map.of(
            "knowledgeBases", "knowledgeBaseIds",
            "knowledgeBase", "knowledgeBaseId");

    private final MultipartConfigElement multipart;

    ApiProblems(MultipartConfigElement multipart) {
        this.multipart = multipart;
    }

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalidInput(InvalidInputException e) {
        return badInput(API_FIELD_NAMES.getOrDefault(e.field(), e.field()), e.getMessage());
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail accessDenied(AccessDeniedException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
    }

    /**
     * No database connection came free in time: a burst beyond the pool (a thousand event streams opened at
     * once). Nothing was done, so the client may simply try again; EventSource clients do so by themselves.
     */
    static final String BUSY = "Sintra is busy right now; nothing was changed. Try again in a second.";

    @ExceptionHandler(CannotGetJdbcConnectionException.class)
    ResponseEntity<ProblemDetail> busy(CannotGetJdbcConnectionException e) {
        log.warn("An API request found no database connection free in time: answered 503 ({})",
                e.getMostSpecificCause().getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, BUSY));
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("API request failed", e);
        return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong on Sintra's side; it has been logged.");
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        ProblemDetail problem;
        // A syntax error anywhere in the body comes first, even when binding stopped earlier at a bad value.
        Optional<StreamReadException> syntaxError = JsonSyntaxCheck.syntaxError(e)
                .or(() -> e.getCause() instanceof StreamReadException syntax ? Optional.of(syntax) : Optional.empty());
        if (syntaxError.isPresent()) {
            problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "The request body is not valid JSON" + location(syntaxError.get()));
        } else if (e.getCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            problem = badInput(path(mismatch), path(mismatch) + " must be " + describe(mismatch.getTargetType()));
        } else {
            problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "The request body is missing or unreadable: send a JSON object");
        }
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return handleExceptionInternal(e, badInput(e.getParameterName(), e.getParameterName() + " is required"),
                headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestPart(MissingServletRequestPartException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return handleExceptionInternal(e, badInput(e.getRequestPartName(), e.getRequestPartName() + " is required"),
                headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = e.getPropertyName() == null ? "parameter" : e.getPropertyName();
        return handleExceptionInternal(e, badInput(name, name + " must be " + describe(e.getRequiredType())),
                headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // Tomcat does not say which limit it applied; the per-file one is the one a client can act on.
        long limit = e.getMaxUploadSize() > 0 ? e.getMaxUploadSize() : multipart.getMaxFileSize();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
                "The upload is larger than the limit of " + size(limit));
        problem.setProperty("field", "file");
        return handleExceptionInternal(e, problem, headers, HttpStatus.PAYLOAD_TOO_LARGE, request);
    }

    private static ProblemDetail badInput(String field, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setProperty("field", field);
        return problem;
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    /** The property at fault, as a client wrote it: {@code knowledgeBaseIds[1]}. */
    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining()).replaceFirst("^\\.", "");
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "of the documented type";
        }
        if (type == UUID.class) {
            return "a UUID, like 3f2b8c1e-6a7d-4e59-9c0a-2b1d4e5f6a7b";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return type == String.class ? "a string" : "of the documented type";
    }

    private static String size(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB" : bytes / 1024 + " KB";
    }
}
