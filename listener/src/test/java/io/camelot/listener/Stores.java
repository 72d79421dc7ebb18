package io.camelot.listener;

import io.camelot.store.TcsStore;
import java.nio.file.Path;

/** The store the integration tests run on. */
final class Stores {
  private Stores() {}

  static TcsStore open(Path directory) {
    return new InMemoryTcsStore();
  }
}
