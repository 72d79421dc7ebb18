package io.camelot.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.protocol.ProtocolJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** GETs of the admin ports (metrics, health) that tests start. */
final class AdminHttp {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private AdminHttp() {}

    static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The response's body, parsed (a health report). */
    static JsonNode json(HttpResponse<String> response) {
        return ProtocolJson.parse(response.body().getBytes(StandardCharsets.UTF_8));
    }
}
