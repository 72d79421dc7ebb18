package io.camelot.listener;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.listener.methods.RpcDiscover;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.model.EncryptionKeyGetParams;
import io.camelot.protocol.model.ReceiptCreateParams;
import io.camelot.protocol.model.ReceiptLookUpParams;
import io.camelot.protocol.model.ReceiptUpdateParams;
import io.camelot.protocol.model.ReceiptUpdateRetrieveParams;
import io.camelot.protocol.model.WorkOrderIdParams;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.protocol.model.WorkerIdParams;
import io.camelot.protocol.model.WorkerLookUpParams;
import io.camelot.protocol.model.WorkerRegisterParams;
import io.camelot.protocol.model.WorkerSetStatusParams;
import io.camelot.protocol.model.WorkerUpdateParams;
import io.camelot.scheduler.PersistentWorkOrderQueue;
import io.camelot.scheduler.QueueSettings;
import io.camelot.store.LmdbTcsStore;
import io.camelot.store.TcsStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed OpenRPC document and the method registry describe the same API. */
class OpenRpcDocumentTest {

  /** The record each method's params are bound to by {@code Params}: the names it accepts. */
  private static final Map<String, Class<? extends Record>> PARAMS_RECORDS =
      Map.ofEntries(
          Map.entry("WorkerLookUp", WorkerLookUpParams.class),
          Map.entry("WorkerLookUpNext", WorkerLookUpParams.class),
          Map.entry("WorkerRetrieve", WorkerIdParams.class),
          Map.entry("WorkerRegister", WorkerRegisterParams.class),
          Map.entry("WorkerUpdate", WorkerUpdateParams.class),
          Map.entry("WorkerSetStatus", WorkerSetStatusParams.class),
          Map.entry("EncryptionKeyGet", EncryptionKeyGetParams.class),
          Map.entry("WorkOrderSubmit", WorkOrderSubmitParams.class),
          Map.entry("WorkOrderGetResult", WorkOrderIdParams.class),
          Map.entry("WorkOrderReceiptCreate", ReceiptCreateParams.class),
          Map.entry("WorkOrderReceiptUpdate", ReceiptUpdateParams.class),
          Map.entry("WorkOrderReceiptRetrieve", WorkOrderIdParams.class),
          Map.entry("WorkOrderReceiptUpdateRetrieve", ReceiptUpdateRetrieveParams.class),
          Map.entry("WorkOrderReceiptLookUp", ReceiptLookUpParams.class),
          Map.entry("WorkOrderReceiptLookUpNext", ReceiptLookUpParams.class));

  /** Methods that take no params at all. */
  private static final Set<String> NO_PARAMS = Set.of("EncryptionKeySet", RpcDiscover.NAME);

  private final JsonNode document = RpcDiscover.loadDocument();

  @Test
  void documentsExactlyTheRegisteredMethods(@TempDir Path directory) {
    try (TcsStore store = LmdbTcsStore.open(directory.resolve("store"), 16L << 20);
        PersistentWorkOrderQueue queue =
            new PersistentWorkOrderQueue(
                store, new QueueSettings(10, Duration.ofHours(1), 10, Duration.ofHours(1)), Clock.systemUTC())) {
      Set<String> registered =
          new TreeSet<>(MethodRegistry.directModel(store, queue, ListenerConfig.defaults()).names());
      assertThat(documentedMethods()).as("methods in openrpc.json").isEqualTo(registered);
    }
  }

  @Test
  void documentsExactlyTheParamNamesEachMethodBinds() {
    for (JsonNode method : document.get("methods")) {
      String name = method.get("name").asText();
      Set<String> documented =
          StreamSupport.stream(method.get("params").spliterator(), false)
              .map(param -> param.get("name").asText())
              .collect(Collectors.toCollection(TreeSet::new));
      Set<String> bound =
          NO_PARAMS.contains(name)
              ? Set.of()
              : Arrays.stream(PARAMS_RECORDS.get(name).getRecordComponents())
                  .map(component -> component.getName())
                  .collect(Collectors.toCollection(TreeSet::new));
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
        assertThat(components.path(path[0]).has(path[1])).as("definition of %s", ref).isTrue();
      }
    }
    for (JsonNode error : components.get("errors")) {
      assertThat(error.get("code").isInt()).isTrue();
      int code = error.get("code").asInt();
      assertThat(code >= 0 && code <= 10 || code <= -32000 && code >= -32768).as("code %s", code).isTrue();
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
    JsonRpcDispatcher dispatcher = new JsonRpcDispatcher(new MethodRegistry(List.of(new RpcDiscover()), false));
    for (String request :
        new String[] {
          "{\"jsonrpc\":\"2.0\",\"method\":\"rpc.discover\",\"id\":1}",
          "{\"jsonrpc\":\"2.0\",\"method\":\"rpc.discover\",\"id\":1,\"params\":{}}"
        }) {
      JsonNode response = ProtocolJson.parse(dispatcher.handle(request.getBytes(StandardCharsets.UTF_8)));
      assertThat(response.path("result")).isEqualTo(document);
    }
  }

  @Test
  void otherMethodsStillRequireParams() {
    JsonRpcDispatcher dispatcher = new JsonRpcDispatcher(new MethodRegistry(List.of(new RpcDiscover()), false));
    JsonNode response =
        ProtocolJson.parse(
            dispatcher.handle("{\"jsonrpc\":\"2.0\",\"method\":\"WorkerLookUp\",\"id\":1}".getBytes(StandardCharsets.UTF_8)));
    ListenerTransportTest.assertError(response, 2, "Invalid data format for params");
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
      throw new IllegalStateException("no repository root (a directory with mvnw) above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }
}
