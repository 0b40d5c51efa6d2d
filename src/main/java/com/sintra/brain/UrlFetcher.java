package com.sintra.brain;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

import org.springframework.stereotype.Component;

import com.sintra.base.InvalidInputException;

/**
 * Fetches a web page or file for ingestion. Fetching arbitrary URLs from the server is a request
 * forgery risk, so: http and https only, every address the host resolves to (and every redirect's)
 * must be public unless configuration allows private ones, redirects are followed by hand and
 * re-checked, and size and time are capped.
 */
@Component
class UrlFetcher {

    record Fetched(byte[] content, String fileName, String mediaType) {
    }

    private static final int MAX_REDIRECTS = 5;

    private final BrainProperties properties;
    private final HttpClient client;

    UrlFetcher(BrainProperties properties) {
        this.properties = properties;
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(properties.urlTimeout()).build();
    }

    /** Checks a URL before it is queued, so a bad one is refused at once. */
    URI check(String url) {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url.strip());
        } catch (java.net.URISyntaxException e) {
            throw new InvalidInputException("url", "This is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new InvalidInputException("url", "Enter an http or https URL, like https://example.com/page");
        }
        requirePublic(uri.getHost());
        return uri;
    }

    Fetched fetch(URI start) {
        URI uri = start;
        try {
            for (int redirect = 0; redirect <= MAX_REDIRECTS; redirect++) {
                requirePublic(uri.getHost());
                HttpRequest request = HttpRequest.newBuilder(uri).timeout(properties.urlTimeout())
                        .header("User-Agent", "Sintra/1.0 (knowledge ingestion)").GET().build();
                HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
                int status = response.statusCode();
                if (status >= 300 && status < 400 && response.headers().firstValue("Location").isPresent()) {
                    response.body().close();
                    uri = check(uri.resolve(response.headers().firstValue("Location").get()).toString());
                    continue;
                }
                if (status != 200) {
                    response.body().close();
                    throw new InvalidInputException("url", "The server answered " + status + " for this URL");
                }
                byte[] content = readLimited(response.body());
                String mediaType = response.headers().firstValue("Content-Type").map(t -> t.split(";")[0].strip()).orElse(null);
                return new Fetched(content, fileName(uri), mediaType);
            }
            throw new InvalidInputException("url", "Too many redirects");
        } catch (java.net.http.HttpTimeoutException e) {
            throw new InvalidInputException("url", "The server took too long to answer");
        } catch (IOException e) {
            throw new InvalidInputException("url", "Could not fetch this URL: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestionCancelledException();
        }
    }

    private byte[] readLimited(InputStream body) throws IOException {
        try (body) {
            byte[] content = body.readNBytes(Math.toIntExact(properties.maxDocumentBytes()) + 1);
            if (content.length > properties.maxDocumentBytes()) {
                throw new InvalidInputException("url", "The document is larger than " + properties.maxDocumentSize());
            }
            return content;
        }
    }

    private void requirePublic(String host) {
        if (properties.allowPrivateUrls()) {
            return;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (isPrivate(address)) {
                    throw new InvalidInputException("url", "Private, loopback and link-local addresses cannot be fetched");
                }
            }
        } catch (UnknownHostException e) {
            throw new InvalidInputException("url", "Unknown host: " + host);
        }
    }

    static boolean isPrivate(InetAddress address) {
        boolean uniqueLocalV6 = address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc;
        return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress() || uniqueLocalV6
                || isCarrierGradeNat(address);
    }

    private static boolean isCarrierGradeNat(InetAddress address) {
        byte[] b = address.getAddress();
        return b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
    }

    private static String fileName(URI uri) {
        String path = uri.getPath() == null ? "" : uri.getPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.isBlank() ? uri.getHost() + ".html" : last;
    }
}
