// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import "./WorkerRegistry.sol";

/// The EEA proxy-model work order contract. Anyone may submit; only the TCS account of the work
/// order's worker may complete it, only once, and not once the worker is marked compromised.
/// Submission errors are reported as errorCode in the event rather than by reverting, as EEA
/// clients expect.
///
/// On chain a work order is known by workOrderKey(submitter, workOrderId), not by the id its
/// submitter chose: an id visible in a pending transaction could otherwise be submitted first by
/// anyone, refusing the genuine order as a duplicate (review M10). The event, workOrderComplete,
/// workOrderGet and the receipts all use this key; the request JSON keeps the submitter's id.
contract WorkOrderRegistry {
    bytes4 public constant VERSION = 0x01010000;

    uint256 public constant STATUS_NULL = 0;
    uint256 public constant STATUS_ACTIVE = 1;
    uint256 public constant STATUS_COMPLETED = 2;

    uint256 public constant ERROR_NONE = 0;
    uint256 public constant ERROR_DUPLICATE = 1;
    uint256 public constant ERROR_WORKER_NOT_ACTIVE = 2;

    struct WorkOrder {
        uint256 status;
        uint256 submittedAt;
        bytes32 workerId;
        bytes32 requesterId;
        address submitter;
        string request;
        string response;
    }

    WorkerRegistry public immutable workerRegistry;
    mapping(bytes32 => WorkOrder) private workOrders;

    event workOrderSubmitted(
        bytes32 indexed workOrderId,
        bytes32 indexed workerId,
        bytes32 indexed requesterId,
        string workOrderRequest,
        uint256 errorCode,
        address senderAddress,
        bytes4 version
    );
    event workOrderCompleted(
        bytes32 requesterId,
        bytes32 workOrderId,
        uint256 workOrderStatus,
        string workOrderResponse,
        uint256 errorCode,
        bytes4 version
    );

    constructor(WorkerRegistry registry) {
        workerRegistry = registry;
    }

    function workOrderKey(address submitter, bytes32 workOrderId) public pure returns (bytes32) {
        return keccak256(abi.encodePacked(submitter, workOrderId));
    }

    /// @param workOrderId the submitter's id, as in workOrderRequest; the event carries the key
    function workOrderSubmit(bytes32 workOrderId, bytes32 workerId, bytes32 requesterId, string calldata workOrderRequest)
        external returns (uint256 errorCode)
    {
        bytes32 key = workOrderKey(msg.sender, workOrderId);
        if (workOrders[key].status != STATUS_NULL) {
            errorCode = ERROR_DUPLICATE;
        } else if (workerRegistry.workerStatus(workerId) != workerRegistry.STATUS_ACTIVE()) {
            errorCode = ERROR_WORKER_NOT_ACTIVE;
        } else {
            workOrders[key] =
                WorkOrder(STATUS_ACTIVE, block.timestamp, workerId, requesterId, msg.sender, workOrderRequest, "");
        }
        emit workOrderSubmitted(key, workerId, requesterId, workOrderRequest, errorCode, msg.sender, VERSION);
    }

    /// @param workOrderId the work order's key, as in the workOrderSubmitted event
    function workOrderComplete(bytes32 workOrderId, string calldata workOrderResponse)
        external returns (uint256 errorCode)
    {
        WorkOrder storage order = workOrders[workOrderId];
        require(order.status != STATUS_NULL, "unknown work order");
        require(msg.sender == workerRegistry.workerTcsAccount(order.workerId), "not the worker's TCS account");
        require(order.status == STATUS_ACTIVE, "work order already completed");
        // A worker marked compromised after the submission may have leaked its keys: its results are not taken.
        require(
            workerRegistry.workerStatus(order.workerId) != workerRegistry.STATUS_COMPROMISED(), "worker compromised");
        order.status = STATUS_COMPLETED;
        order.response = workOrderResponse;
        emit workOrderCompleted(order.requesterId, workOrderId, STATUS_COMPLETED, workOrderResponse, ERROR_NONE, VERSION);
        return ERROR_NONE;
    }

    function workOrderGet(bytes32 workOrderId)
        external view
        returns (uint256 status, bytes32 workerId, string memory request, string memory response, uint256 errorCode)
    {
        WorkOrder storage order = workOrders[workOrderId];
        return (order.status, order.workerId, order.request, order.response, ERROR_NONE);
    }

    function workOrderSubmitter(bytes32 workOrderId) external view returns (address) {
        return workOrders[workOrderId].submitter;
    }

    function workOrderWorker(bytes32 workOrderId) external view returns (bytes32) {
        return workOrders[workOrderId].workerId;
    }
}
