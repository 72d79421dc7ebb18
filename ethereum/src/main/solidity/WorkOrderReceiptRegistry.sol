// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import "./WorkOrderRegistry.sol";

/// EEA work order receipts. Only the account that submitted a work order may create its receipt;
/// only that account or the TCS account of the work order's worker may update it. Update types
/// 0 to 255 set the receipt status; larger ones are application-specific and leave it alone.
/// A receipt's workOrderId is the work order's on-chain key (WorkOrderRegistry.workOrderKey).
/// Look-ups scan at most SCAN_LIMIT receipts per call (the tag is where the next call scans from;
/// a page may be empty while the tag is not 0), so a flood of receipts cannot push a call past the
/// gas limit.
contract WorkOrderReceiptRegistry {
    uint256 public constant STATUS_ANY = 255;
    uint256 public constant LAST_UPDATE = 0xFFFFFFFF;
    uint256 public constant PAGE_SIZE = 50;
    uint256 public constant SCAN_LIMIT = 1000;
    uint256 public constant ERROR_NONE = 0;
    uint256 public constant ERROR_EXISTS = 1;

    struct Update {
        bytes32 updaterId;
        uint256 updateType;
        bytes updateData;
        bytes updateSignature;
        string signatureRules;
    }

    struct Receipt {
        address creator;
        bytes32 workerServiceId;
        bytes32 workerId;
        bytes32 requesterId;
        uint256 receiptCreateStatus;
        bytes workOrderRequestHash;
        uint256 currentReceiptStatus;
        Update[] updates;
    }

    WorkOrderRegistry public immutable workOrderRegistry;
    mapping(bytes32 => Receipt) private receipts;
    bytes32[] private receiptIds;

    event workOrderReceiptCreated(
        bytes32 indexed workOrderId,
        bytes32 indexed workerServiceId,
        bytes32 indexed requesterId,
        bytes32 workerId,
        uint256 receiptStatus,
        bytes workOrderRequestHash,
        uint256 errorCode
    );
    event workOrderReceiptUpdated(
        bytes32 indexed workOrderId,
        bytes32 indexed updaterId,
        uint256 indexed updateType,
        bytes updateData,
        bytes updateSignature,
        string signatureRules,
        uint256 errorCode
    );

    constructor(WorkOrderRegistry registry) {
        workOrderRegistry = registry;
    }

    function workOrderReceiptCreate(
        bytes32 workOrderId,
        bytes32 workerId,
        bytes32 workerServiceId,
        bytes32 requesterId,
        uint256 receiptCreateStatus,
        bytes calldata workOrderRequestHash
    ) external returns (uint256 errorCode) {
        require(workOrderRegistry.workOrderSubmitter(workOrderId) == msg.sender, "not the work order's submitter");
        require(workOrderRegistry.workOrderWorker(workOrderId) == workerId, "not the work order's worker");
        Receipt storage r = receipts[workOrderId];
        if (r.creator != address(0)) {
            errorCode = ERROR_EXISTS;
        } else {
            r.creator = msg.sender;
            r.workerServiceId = workerServiceId;
            r.workerId = workerId;
            r.requesterId = requesterId;
            r.receiptCreateStatus = receiptCreateStatus;
            r.workOrderRequestHash = workOrderRequestHash;
            r.currentReceiptStatus = receiptCreateStatus;
            receiptIds.push(workOrderId);
        }
        emit workOrderReceiptCreated(
            workOrderId, workerServiceId, requesterId, workerId, receiptCreateStatus, workOrderRequestHash, errorCode);
    }

    function workOrderReceiptUpdate(
        bytes32 workOrderId,
        bytes32 updaterId,
        uint256 updateType,
        bytes calldata updateData,
        bytes calldata updateSignature,
        string calldata signatureRules
    ) external returns (uint256 errorCode) {
        Receipt storage r = receipts[workOrderId];
        require(r.creator != address(0), "unknown receipt");
        require(
            msg.sender == r.creator || msg.sender == workOrderRegistry.workerRegistry().workerTcsAccount(r.workerId),
            "not the receipt's creator or worker"
        );
        r.updates.push(Update(updaterId, updateType, updateData, updateSignature, signatureRules));
        if (updateType <= 255) {
            r.currentReceiptStatus = updateType;
        }
        emit workOrderReceiptUpdated(
            workOrderId, updaterId, updateType, updateData, updateSignature, signatureRules, ERROR_NONE);
        return ERROR_NONE;
    }

    function workOrderReceiptRetrieve(bytes32 workOrderId)
        external view
        returns (
            bytes32 workerServiceId,
            bytes32 workerId,
            bytes32 requesterId,
            uint256 receiptCreateStatus,
            bytes memory workOrderRequestHash,
            uint256 currentReceiptStatus
        )
    {
        Receipt storage r = receipts[workOrderId];
        return (r.workerServiceId, r.workerId, r.requesterId, r.receiptCreateStatus, r.workOrderRequestHash,
            r.currentReceiptStatus);
    }

    /// updaterId zero means any updater; updateIndex is 1-based, or LAST_UPDATE for the latest.
    function workOrderReceiptUpdateRetrieve(bytes32 workOrderId, bytes32 updaterId, uint256 updateIndex)
        external view
        returns (
            bytes32 outUpdaterId,
            uint256 updateType,
            bytes memory updateData,
            bytes memory updateSignature,
            string memory signatureRules,
            uint256 updateCount
        )
    {
        Update[] storage updates = receipts[workOrderId].updates;
        uint256 found;
        for (uint256 i = 0; i < updates.length; i++) {
            if (updaterId == bytes32(0) || updates[i].updaterId == updaterId) {
                updateCount++;
            }
        }
        require(updateCount > 0, "no such update");
        uint256 wanted = updateIndex == LAST_UPDATE ? updateCount : updateIndex;
        require(wanted >= 1 && wanted <= updateCount, "update index out of range");
        for (uint256 i = 0; i < updates.length; i++) {
            if (updaterId != bytes32(0) && updates[i].updaterId != updaterId) continue;
            if (++found == wanted) {
                Update storage u = updates[i];
                return (u.updaterId, u.updateType, u.updateData, u.updateSignature, u.signatureRules, updateCount);
            }
        }
    }

    /// Zero ids and STATUS_ANY are wildcards. lookupTag 0 means no more pages; totalCount is the
    /// number of ids in this page.
    function workOrderReceiptLookUp(bytes32 workerServiceId, bytes32 workerId, bytes32 requesterId, uint256 receiptStatus)
        external view returns (uint256 totalCount, uint256 lookUpTag, bytes32[] memory ids)
    {
        return workOrderReceiptLookUpNext(workerServiceId, workerId, requesterId, receiptStatus, 0);
    }

    function workOrderReceiptLookUpNext(
        bytes32 workerServiceId,
        bytes32 workerId,
        bytes32 requesterId,
        uint256 receiptStatus,
        uint256 lastLookUpTag
    ) public view returns (uint256 totalCount, uint256 newLookUpTag, bytes32[] memory ids) {
        bytes32[] memory page = new bytes32[](PAGE_SIZE);
        uint256 end = lastLookUpTag + SCAN_LIMIT < receiptIds.length ? lastLookUpTag + SCAN_LIMIT : receiptIds.length;
        uint256 i = lastLookUpTag;
        for (; i < end && totalCount < PAGE_SIZE; i++) {
            Receipt storage r = receipts[receiptIds[i]];
            if (workerServiceId != bytes32(0) && r.workerServiceId != workerServiceId) continue;
            if (workerId != bytes32(0) && r.workerId != workerId) continue;
            if (requesterId != bytes32(0) && r.requesterId != requesterId) continue;
            if (receiptStatus != STATUS_ANY && r.currentReceiptStatus != receiptStatus) continue;
            page[totalCount++] = receiptIds[i];
        }
        newLookUpTag = i < receiptIds.length ? i : 0;
        ids = new bytes32[](totalCount);
        for (uint256 j = 0; j < totalCount; j++) ids[j] = page[j];
    }
}
