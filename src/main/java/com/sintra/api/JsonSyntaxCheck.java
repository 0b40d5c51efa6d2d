package com.sintra.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.AbstractJackson2HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Checks a JSON request body's syntax before it is bound. Jackson binds while it reads, so in
 * {@code {"workspaceId":"x", query: }} the bad UUID fails first and the client is sent after the wrong
 * mistake; here a malformed body is always reported as such (see {@link ApiProblems}), with its position.
 * Reading the few kilobytes of an API body twice costs microseconds.
 */
@ControllerAdvice(annotations = ApiController.class)
class JsonSyntaxCheck extends RequestBodyAdviceAdapter {

    private final JsonFactory factory;

    JsonSyntaxCheck(ObjectMapper json) {
        this.factory = json.getFactory();
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
                            Class<? extends HttpMessageConverter<?>> converterType) {
        return AbstractJackson2HttpMessageConverter.class.isAssignableFrom(converterType);
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
                                           Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        byte[] body = input.getBody().readAllBytes();
        try (JsonParser parser = factory.createParser(body)) {
            while (parser.nextToken() != null) {
                // Every token read: a syntax error anywhere in the body throws.
            }
        } catch (StreamReadException e) {
            throw new HttpMessageNotReadableException("The request body is not valid JSON", e, input);
        }
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                return input.getHeaders();
            }
        };
    }
}
