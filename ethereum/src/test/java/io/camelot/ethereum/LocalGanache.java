package io.camelot.ethereum;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real local Ethereum node for tests: the ganache the build installed with {@code npm ci},
 * started on 127.0.0.1 and a free port with its deterministic accounts, mining each transaction at
 * once. Stopped (with its process tree) on close.
 */
public final class LocalGanache implements AutoCloseable {
  public static final long CHAIN_ID = 1337;

  /** Private keys of ganache's {@code --wallet.deterministic} accounts 0 to 3, each with 1000 ETH. */
  public static final List<String> KEYS =
      List.of(
          "0x4f3edf983ac636a65a842ce7c78d9aa706d3b113bce9c46f30d7d21715b23b1d",
          "0x6cbed15c793ce57650b9877cf6fa156fbef513c4e6134f022a85b1ffdd59b2a1",
          "0x6370fd033278c143179d81c5526140625662b8daa446c22ee2d73db3707e620c",
          "0x646f1ce2fdad0e6deeeb5c7e8e5543bdde65e86029e2fd9fc169899c440a7913");

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

  private final Process process;
  private final String url;

  private LocalGanache(Process process, String url) {
    this.process = process;
    this.url = url;
  }

  public static LocalGanache start(Path logDir) throws IOException, InterruptedException {
    int port = freePort();
    Path log = logDir.resolve("ganache-" + port + ".log");
    Process process =
        new ProcessBuilder(
                executable().toString(),
                "--server.host", "127.0.0.1",
                "--server.port", Integer.toString(port),
                "--wallet.deterministic",
                "--chain.chainId", Long.toString(CHAIN_ID),
                "--logging.quiet")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    LocalGanache node = new LocalGanache(process, "http://127.0.0.1:" + port);
    try {
      node.awaitReady(log);
    } catch (IOException | InterruptedException | RuntimeException e) {
      node.close();
      throw e;
    }
    return node;
  }

  public String url() {
    return url;
  }

  public ChainSettings account(int index) {
    return ChainSettings.of(url, CHAIN_ID, KEYS.get(index));
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Ready once eth_blockNumber answers. */
  private void awaitReady(Path log) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest probe =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(2))
            .POST(HttpRequest.BodyPublishers.ofString(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_blockNumber\",\"params\":[]}"))
            .build();
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("ganache exited: " + Files.readString(log));
      }
      try {
        HttpResponse<String> reply = http.send(probe, HttpResponse.BodyHandlers.ofString());
        if (reply.statusCode() == 200 && reply.body().contains("\"result\"")) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("ganache did not answer within " + READY_TIMEOUT);
  }

  /** node_modules/.bin/ganache of the ethereum module, from its own directory or a sibling's. */
  private static Path executable() {
    String configured = System.getProperty("camelot.ganache");
    if (configured != null) {
      return Path.of(configured);
    }
    Path relative = Path.of("node_modules", ".bin", "ganache");
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      for (Path candidate : List.of(dir.resolve(relative), dir.resolve("ethereum").resolve(relative))) {
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    throw new IllegalStateException(
        "ganache not found: build the ethereum module first (its build runs npm ci)");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
