package io.camelot.workload;

import java.util.Optional;

/** What a running workload may use besides its inputs. */
public interface WorkloadContext {

  /** Reads a state value: this work order's own pending write if any, else the committed value. */
  Optional<byte[]> state(String key);

  /** Writes a state value; it is committed only together with this work order's response. */
  void putState(String key, byte[] value);
}
