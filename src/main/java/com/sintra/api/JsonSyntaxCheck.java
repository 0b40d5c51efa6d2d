package com.sintra.api;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.reflect.Type;
import java.util.Optional;

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
 * Lets a malformed JSON body be reported as such, with its position, even when binding failed first on a
 * bad value: Jackson binds while it reads, so in {@code {"workspaceId":"x", query: }} the bad UUID is
 * met before the syntax error, and the client would be sent after the wrong mistake.
 * <p>
 * Only a failed binding pays for the check. A body is bound straight from the request, keeping a copy of
 * the bytes Jackson reads; when binding fails, {@link #syntaxError} reads the rest and tokenizes the whole
 * body (see {@link ApiProblems}). The check used to run on every body before binding, reading it whole and
 * parsing it twice; cached answers' p95 went from about 6 ms to 40–100 ms with it, the median unchanged
 * (docs/performance.md). Text after a complete JSON value goes unchecked, as Jackson leaves it unread:
 * finding it would mean reading every body to its end again.
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
                                           Class<? extends HttpMessageConverter<?>> converterType) {
        return new RecordedBody(input, factory);
    }

    /**
     * The first syntax error in the body that failed to bind, if it has one. Jackson's converter hands
     * back, in its exception, the message it read: the {@link RecordedBody} this advice gave it.
     */
    static Optional<StreamReadException> syntaxError(HttpMessageNotReadableException e) {
        return e.getHttpInputMessage() instanceof RecordedBody body ? body.syntaxError() : Optional.empty();
    }

    /** The request's body as it is read, with a copy of what has been read so far. */
    private static final class RecordedBody implements HttpInputMessage {

        private final HttpInputMessage input;
        private final JsonFactory factory;
        private final ByteArrayOutputStream seen = new ByteArrayOutputStream();
        private InputStream body;

        RecordedBody(HttpInputMessage input, JsonFactory factory) {
            this.input = input;
            this.factory = factory;
        }

        @Override
        public InputStream getBody() throws IOException {
            if (body == null) {
                body = new FilterInputStream(input.getBody()) {
                    @Override
                    public int read() throws IOException {
                        int b = super.read();
                        if (b >= 0) {
                            seen.write(b);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] bytes, int offset, int length) throws IOException {
                        int n = super.read(bytes, offset, length);
                        if (n > 0) {
                            seen.write(bytes, offset, n);
                        }
                        return n;
                    }
                };
            }
            return body;
        }

        @Override
        public HttpHeaders getHeaders() {
            return input.getHeaders();
        }

        /** Tokenizes the whole body: what binding read, then what it left unread. */
        Optional<StreamReadException> syntaxError() {
            InputStream whole = new SequenceInputStream(new ByteArrayInputStream(seen.toByteArray()), unread());
            try (JsonParser parser = factory.createParser(whole)) {
                while (parser.nextToken() != null) {
                    // Every token read: a syntax error anywhere in the body throws.
                }
                return Optional.empty();
            } catch (StreamReadException syntax) {
                return Optional.of(syntax);
            } catch (IOException unreadable) {
                return Optional.empty();
            }
        }

        private InputStream unread() {
            try {
                return input.getBody();
            } catch (IOException gone) {
                return InputStream.nullInputStream();
            }
        }
    }
}
