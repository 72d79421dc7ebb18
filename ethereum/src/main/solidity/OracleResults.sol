// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import "./WorkerRegistry.sol";

/// Values computed off chain by attested workers, for contracts to read (an attested oracle).
/// A value is accepted only from the TCS account of an active registered worker and is kept under
/// that worker's id: registering a worker is open to anyone, so a feed shared by all workers
/// could be overwritten by any of them. A reader names the worker it trusts, as far as it trusts
/// that worker's registered attestation evidence.
contract OracleResults {
    struct Result {
        bytes32 workerId;
        bytes32 workOrderId;
        string value;
        uint256 postedAt;
    }

    WorkerRegistry public immutable workerRegistry;
    mapping(bytes32 => mapping(bytes32 => Result)) private latest; // workerId => feedId => result

    event OracleResultPosted(bytes32 indexed feedId, bytes32 indexed workerId, bytes32 workOrderId, string value);

    constructor(WorkerRegistry registry) {
        workerRegistry = registry;
    }

    /// @param workOrderId the work order whose verified result carries the value
    function post(bytes32 feedId, bytes32 workerId, bytes32 workOrderId, string calldata value) external {
        require(workerRegistry.workerStatus(workerId) == workerRegistry.STATUS_ACTIVE(), "worker not active");
        require(msg.sender == workerRegistry.workerTcsAccount(workerId), "not the worker's TCS account");
        latest[workerId][feedId] = Result(workerId, workOrderId, value, block.timestamp);
        emit OracleResultPosted(feedId, workerId, workOrderId, value);
    }

    /// workerId is returned as stored: zero when that worker never posted to the feed.
    function latestResult(bytes32 worker, bytes32 feedId)
        external view
        returns (bytes32 workerId, bytes32 workOrderId, string memory value, uint256 postedAt)
    {
        Result storage r = latest[worker][feedId];
        return (r.workerId, r.workOrderId, r.value, r.postedAt);
    }
}
