// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import "./WorkerRegistry.sol";

/// Values computed off chain by attested workers, for contracts to read (an attested oracle).
/// A value is accepted only from the TCS account of an active registered worker, so a reader
/// trusts it as far as it trusts that worker's registered attestation evidence.
contract OracleResults {
    struct Result {
        bytes32 workerId;
        bytes32 workOrderId;
        string value;
        uint256 postedAt;
    }

    WorkerRegistry public immutable workerRegistry;
    mapping(bytes32 => Result) private latest;

    event OracleResultPosted(bytes32 indexed feedId, bytes32 indexed workerId, bytes32 workOrderId, string value);

    constructor(WorkerRegistry registry) {
        workerRegistry = registry;
    }

    /// @param workOrderId the work order whose verified result carries the value
    function post(bytes32 feedId, bytes32 workerId, bytes32 workOrderId, string calldata value) external {
        require(workerRegistry.workerStatus(workerId) == workerRegistry.STATUS_ACTIVE(), "worker not active");
        require(msg.sender == workerRegistry.workerTcsAccount(workerId), "not the worker's TCS account");
        latest[feedId] = Result(workerId, workOrderId, value, block.timestamp);
        emit OracleResultPosted(feedId, workerId, workOrderId, value);
    }

    function latestResult(bytes32 feedId)
        external view
        returns (bytes32 workerId, bytes32 workOrderId, string memory value, uint256 postedAt)
    {
        Result storage r = latest[feedId];
        return (r.workerId, r.workOrderId, r.value, r.postedAt);
    }
}
