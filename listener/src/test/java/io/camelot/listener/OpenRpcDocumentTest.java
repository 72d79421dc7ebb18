package io.camelot.listener;

import static io.camelot.jsonrpc.JsonRpcAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.jsonrpc.JsonRpcDispatcher;
import io.camelot.jsonrpc.MethodRegistry;
import io.camelot.listener.methods.RpcDiscover;
import io.camelot.protocol.ProtocolJson;
import io.camelot.scheduler.PersistentWorkOrderQueue;
import io.camelot.scheduler.QueueSettings;
import io.camelot.store.LmdbTcsStore;
import io.camelot.store.TcsStore;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed OpenRPC document and the method registry describe the same API. */
class OpenRpcDocumentTest {

    private final JsonNode document = RpcDiscover.loadDocument();

    @Test
    void documentsExactlyTheRegisteredMethods(@TempDir Path directory) {
        try (TcsStore store = LmdbTcsStore.open(directory.resolve("store"), 16L << 20);
                PersistentWorkOrderQueue queue = new PersistentWorkOrderQueue(
                        store,
                        new QueueSettings(10, Duration.ofHours(1), 10, Duration.ofHours(1)),
                        Clock.systemUTC())) {
            Set<String> registered = new TreeSet<>(DirectModel.methods(
                            store,
                            queue,
                            WorkerKeyRotation.NONE,
                            ListenerConfig.defaults(),
                            new CompositeMeterRegistry())
                    .names());
            assertThat(documentedMethods()).as("methods in openrpc.json").isEqualTo(registered);
            assertThat(Arrays.stream(DirectModelMethod.values()).map(DirectModelMethod::methodName))
                    .as("the method table")
                    .containsExactlyInAnyOrderElementsOf(registered);
        }
    }

    @Test
    void documentsExactlyTheParamNamesEachMethodBinds() {
        for (JsonNode method : document.get("methods")) {
            String name = method.get("name").asText();
            Set<String> documented = StreamSupport.stream(method.get("params").spliterator(), false)
                    .map(param -> param.get("name").asText())
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> bound = method(name)
                    .paramsType()
                    .map(type -> Arrays.stream(type.getRecordComponents())
                            .map(component -> component.getName())
                            .collect(Collectors.toCollection(TreeSet::new)))
                    .orElse(new TreeSet<>());
            assertThat(documented).as("params of %s", name).isEqualTo(bound);
            assertThat(method.path("paramStructure").asText()).isEqualTo("by-name");
            assertThat(method.has("result")).as("result of %s", name).isTrue();
        }
    }

    @Test
    void everyReferencedErrorAndSchemaIsDefined() {
        Set<String> refs = new LinkedHashSet<>();
        collectRefs(document, refs);
        JsonNode components = document.get("components");
        for (String ref : refs) {
            if (ref.startsWith("#/components/")) {
                String[] path = ref.substring("#/components/".length()).split("/");
                assertThat(components.path(path[0]).has(path[1]))
                        .as("definition of %s", ref)
                        .isTrue();
            }
        }
        for (JsonNode error : components.get("errors")) {
            assertThat(error.get("code").isInt()).isTrue();
            int code = error.get("code").asInt();
            assertThat(code >= 0 && code <= 10 || code <= -32000 && code >= -32768)
                    .as("code %s", code)
                    .isTrue();
        }
    }

    @Test
    void theDocsCopyIsTheServedDocument() throws IOException {
        Path docs = repositoryRoot().resolve("docs").resolve("openrpc.json");
        assertThat(ProtocolJson.parse(Files.readAllBytes(docs)))
                .as("docs/openrpc.json must equal listener/src/main/resources/openrpc.json; copy it over")
                .isEqualTo(document);
    }

    @Test
    void rpcDiscoverAnswersWithTheDocumentWithOrWithoutParams() {
        JsonRpcDispatcher dispatcher = new JsonRpcDispatcher(new MethodRegistry(List.of(new RpcDiscover())));
        for (String request : new String[] {
            "{\"jsonrpc\":\"2.0\",\"method\":\"rpc.discover\",\"id\":1}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"rpc.discover\",\"id\":1,\"params\":{}}"
        }) {
            JsonNode response = ProtocolJson.parse(dispatcher.handle(request.getBytes(StandardCharsets.UTF_8)));
            assertThat(response.path("result")).isEqualTo(document);
        }
    }

    @Test
    void otherMethodsStillRequireParams() {
        JsonRpcDispatcher dispatcher = new JsonRpcDispatcher(new MethodRegistry(List.of(new RpcDiscover())));
        JsonNode response = ProtocolJson.parse(dispatcher.handle(
                "{\"jsonrpc\":\"2.0\",\"method\":\"WorkerLookUp\",\"id\":1}".getBytes(StandardCharsets.UTF_8)));
        assertError(response, 2, "Invalid data format for params");
    }

    /**
     * A documented method's row in the table, which names the record {@code Params} binds its params
     * to.
     */
    private static DirectModelMethod method(String name) {
        return Arrays.stream(DirectModelMethod.values())
                .filter(method -> method.methodName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not in DirectModelMethod"));
    }

    private Set<String> documentedMethods() {
        return StreamSupport.stream(document.get("methods").spliterator(), false)
                .map(method -> method.get("name").asText())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static void collectRefs(JsonNode node, Set<String> refs) {
        if (node.isObject()) {
            node.properties().forEach(entry -> {
                if (entry.getKey().equals("$ref")) {
                    refs.add(entry.getValue().asText());
                } else {
                    collectRefs(entry.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, refs));
        }
    }

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no repository root (a directory with mvnw) above "
                    + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
