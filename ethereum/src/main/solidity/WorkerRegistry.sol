// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// The EEA Worker Registry. A worker belongs to the organization account that registered it: only
/// that account may update it, change its status or name the TCS account that completes its work
/// orders (the registering account until changed). An organizationId belongs to the account that
/// first registered a worker under it: no one else registers workers in its name.
/// Look-ups scan at most SCAN_LIMIT workers per call, so a flood of registrations cannot push a call
/// past the gas limit; their tag is where the next call scans from, and a page may be empty while
/// the tag is not 0.
contract WorkerRegistry {
    uint256 public constant STATUS_ACTIVE = 1;
    uint256 public constant STATUS_COMPROMISED = 4;
    uint256 public constant PAGE_SIZE = 50;
    uint256 public constant SCAN_LIMIT = 1000;

    struct Worker {
        address owner;
        address tcsAccount;
        uint256 status;
        uint256 workerType;
        bytes32 organizationId;
        bytes32[] appTypeIds;
        string details;
    }

    mapping(bytes32 => Worker) private workers;
    bytes32[] private workerIds;
    mapping(bytes32 => address) private organizationAccounts;

    event WorkerRegistered(bytes32 indexed workerId, bytes32 indexed organizationId, address owner, uint256 workerType);
    event WorkerUpdated(bytes32 indexed workerId, string details);
    event WorkerStatusSet(bytes32 indexed workerId, uint256 status);
    event WorkerTcsAccountSet(bytes32 indexed workerId, address tcsAccount);

    modifier onlyOwnerOf(bytes32 workerId) {
        require(workers[workerId].owner != address(0), "unknown worker");
        require(workers[workerId].owner == msg.sender, "not the worker's organization");
        _;
    }

    function workerRegister(
        bytes32 workerId,
        uint256 workerType,
        bytes32 organizationId,
        bytes32[] calldata appTypeIds,
        string calldata details
    ) external {
        require(workerId != bytes32(0), "workerId is zero");
        require(workerType != 0, "workerType is zero");
        require(organizationId != bytes32(0), "organizationId is zero");
        require(workers[workerId].owner == address(0), "worker exists");
        address account = organizationAccounts[organizationId];
        require(account == address(0) || account == msg.sender, "not the organization's account");
        organizationAccounts[organizationId] = msg.sender;
        workers[workerId] =
            Worker(msg.sender, msg.sender, STATUS_ACTIVE, workerType, organizationId, appTypeIds, details);
        workerIds.push(workerId);
        emit WorkerRegistered(workerId, organizationId, msg.sender, workerType);
    }

    function workerUpdate(bytes32 workerId, string calldata details) external onlyOwnerOf(workerId) {
        workers[workerId].details = details;
        emit WorkerUpdated(workerId, details);
    }

    /// 1 active, 2 off-line, 3 decommissioned, 4 compromised.
    function workerSetStatus(bytes32 workerId, uint256 status) external onlyOwnerOf(workerId) {
        require(status >= STATUS_ACTIVE && status <= STATUS_COMPROMISED, "status out of range");
        workers[workerId].status = status;
        emit WorkerStatusSet(workerId, status);
    }

    function workerSetTcsAccount(bytes32 workerId, address tcsAccount) external onlyOwnerOf(workerId) {
        require(tcsAccount != address(0), "tcsAccount is zero");
        workers[workerId].tcsAccount = tcsAccount;
        emit WorkerTcsAccountSet(workerId, tcsAccount);
    }

    /// Zero inputs are wildcards; a worker must match all others. lookupTag 0 means no more pages;
    /// totalCount is the number of ids in this page.
    function workerLookUp(uint256 workerType, bytes32 organizationId, bytes32 appTypeId)
        external view returns (uint256 totalCount, uint256 lookupTag, bytes32[] memory ids)
    {
        return workerLookUpNext(workerType, organizationId, appTypeId, 0);
    }

    function workerLookUpNext(uint256 workerType, bytes32 organizationId, bytes32 appTypeId, uint256 lookUpTag)
        public view returns (uint256 totalCount, uint256 newLookupTag, bytes32[] memory ids)
    {
        bytes32[] memory page = new bytes32[](PAGE_SIZE);
        uint256 end = lookUpTag + SCAN_LIMIT < workerIds.length ? lookUpTag + SCAN_LIMIT : workerIds.length;
        uint256 i = lookUpTag;
        for (; i < end && totalCount < PAGE_SIZE; i++) {
            if (matches(workers[workerIds[i]], workerType, organizationId, appTypeId)) {
                page[totalCount++] = workerIds[i];
            }
        }
        newLookupTag = i < workerIds.length ? i : 0;
        ids = new bytes32[](totalCount);
        for (uint256 j = 0; j < totalCount; j++) ids[j] = page[j];
    }

    /// The account that owns an organizationId (the first to register a worker under it), or zero.
    function organizationAccount(bytes32 organizationId) external view returns (address) {
        return organizationAccounts[organizationId];
    }

    function workerRetrieve(bytes32 workerId)
        external view
        returns (
            uint256 status,
            uint256 workerType,
            bytes32 organizationId,
            bytes32[] memory appTypeIds,
            string memory details
        )
    {
        Worker storage w = workers[workerId];
        return (w.status, w.workerType, w.organizationId, w.appTypeIds, w.details);
    }

    /// The account allowed to complete this worker's work orders; zero for an unknown worker.
    function workerTcsAccount(bytes32 workerId) external view returns (address) {
        return workers[workerId].tcsAccount;
    }

    function workerStatus(bytes32 workerId) external view returns (uint256) {
        return workers[workerId].status;
    }

    function matches(Worker storage w, uint256 workerType, bytes32 organizationId, bytes32 appTypeId)
        private view returns (bool)
    {
        if (workerType != 0 && w.workerType != workerType) return false;
        if (organizationId != bytes32(0) && w.organizationId != organizationId) return false;
        if (appTypeId == bytes32(0)) return true;
        for (uint256 i = 0; i < w.appTypeIds.length; i++) {
            if (w.appTypeIds[i] == appTypeId) return true;
        }
        return false;
    }
}
