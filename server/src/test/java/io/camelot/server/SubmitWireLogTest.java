package io.camelot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.protocol.ProtocolJson;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code camelot submit --wire-log} against a whole TCS, through a proxy that records every body
 * exactly as it passes and indents the TCS's answers, so they reach the client with newlines.
 */
class SubmitWireLogTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final TcsNodeExtension tcs = new TcsNodeExtension();

    private Vertx vertx;

    @AfterEach
    void stop() throws Exception {
        if (vertx != null) {
            await(vertx.close());
        }
    }

    @Test
    void theWireLogHoldsEveryRequestAndResponseBodyExactlyAndInOrder() throws Exception {
        TcsNode node = tcs.start(TestConfigs.loopback(dir.resolve("data")).build());
        List<byte[]> passed = new CopyOnWriteArrayList<>();
        String proxy = startRecordingProxy(node.url("127.0.0.1"), passed);
        Path log = dir.resolve("wire.jsonl");
        Files.writeString(log, "{\"earlier\":true}\n");

        int exit = new CommandLine(new CamelotCli())
                .execute("submit", "--url", proxy, "--wire-log", log.toString(), "Hello");

        assertThat(exit).isZero();
        // Strict ASCII: non-ASCII is escaped, so no line holds a separator some reader splits on.
        List<String> lines = Files.readAllLines(log, StandardCharsets.US_ASCII);
        assertThat(lines.getFirst()).as("appended, not overwritten").isEqualTo("{\"earlier\":true}");
        List<JsonNode> entries = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            entries.add(ProtocolJson.parse(line.getBytes(StandardCharsets.US_ASCII)));
        }
        assertThat(entries).hasSize(passed.size());
        Instant previous = Instant.EPOCH;
        List<String> methods = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            byte[] body = entry.get("body").textValue().getBytes(StandardCharsets.UTF_8);
            assertThat(entry.get("direction").textValue()).isEqualTo(i % 2 == 0 ? "request" : "response");
            assertThat(entry.get("url").textValue()).isEqualTo(proxy);
            assertThat(body).as("body %d exactly as it passed", i).isEqualTo(passed.get(i));
            Instant at = Instant.parse(entry.get("at").textValue());
            assertThat(at).isAfterOrEqualTo(previous);
            previous = at;
            if (i % 2 == 0) {
                methods.add(ProtocolJson.parse(body).get("method").textValue());
            }
        }
        assertThat(methods.subList(0, 2)).containsExactly("WorkerRetrieve", "WorkOrderSubmit");
        assertThat(methods.subList(2, methods.size())).isNotEmpty().containsOnly("WorkOrderGetResult");
        assertThat(entries.get(1).get("body").textValue())
                .as("indented by the proxy")
                .contains("\n");
        assertThat(ProtocolJson.parse(passed.getLast()).has("result")).isTrue();
    }

    @Test
    void aWireLogThatCannotBeOpenedFailsWithOneLineBeforeAnyCall() {
        Path log = dir.resolve("missing").resolve("wire.jsonl");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream systemErr = System.err;
        int exit;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            exit = CamelotCli.commandLine()
                    .execute("submit", "--url", "http://127.0.0.1:9", "--wire-log", log.toString(), "x");
        } finally {
            System.setErr(systemErr);
        }

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("camelot submit: cannot open wire log " + log + ": its directory does not exist\n");
    }

    /** Forwards each POST to {@code target}; records the request body, then the indented answer. */
    private String startRecordingProxy(String target, List<byte[]> passed) throws Exception {
        vertx = Vertx.vertx();
        HttpClient http = vertx.createHttpClient();
        HttpServer server = await(vertx.createHttpServer()
                .requestHandler(request -> request.body()
                        .compose(body -> {
                            passed.add(body.getBytes());
                            return http.request(new RequestOptions()
                                            .setMethod(HttpMethod.POST)
                                            .setAbsoluteURI(target)
                                            .putHeader("Content-Type", "application/json"))
                                    .compose(forward -> forward.send(body))
                                    .compose(response -> response.body());
                        })
                        .onSuccess(answer -> {
                            byte[] indented = indent(answer);
                            passed.add(indented);
                            request.response()
                                    .putHeader("Content-Type", "application/json")
                                    .end(Buffer.buffer(indented));
                        })
                        .onFailure(e -> request.connection().close()))
                .listen(0, "127.0.0.1"));
        return "http://127.0.0.1:" + server.actualPort();
    }

    private static byte[] indent(Buffer json) {
        try {
            return ProtocolJson.mapper()
                    .writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(ProtocolJson.parse(json.getBytes()));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
