package io.camelot.protocol;

/** EEA worker types. */
public enum WorkerType {
    TEE_SGX(1),
    MPC(2),
    ZK(3);

    private final int code;

    WorkerType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
