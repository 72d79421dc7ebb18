// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// The EEA Worker Registry List (the TCS catalog): which organization runs which worker registry
/// for which application types. An organization's entry belongs to the account that added it.
contract WorkerRegistryList {
    uint256 public constant STATUS_ACTIVE = 1;
    uint256 public constant STATUS_OFFLINE = 2;
    uint256 public constant STATUS_DECOMMISSIONED = 3;
    uint256 public constant PAGE_SIZE = 50;
    uint256 public constant SCAN_LIMIT = 1000;

    struct Registry {
        address owner;
        string uri;
        bytes32 scAddr;
        bytes32[] appTypeIds;
        uint256 status;
    }

    mapping(bytes32 => Registry) private registries;
    bytes32[] private orgIds;

    event RegistryAdded(bytes32 indexed orgId, address owner, string uri, bytes32 scAddr, bytes32[] appTypeIds);
    event RegistryUpdated(bytes32 indexed orgId, string uri, bytes32 scAddr, bytes32[] appTypeIds);
    event RegistryStatusSet(bytes32 indexed orgId, uint256 status);

    modifier onlyOwnerOf(bytes32 orgId) {
        require(registries[orgId].owner != address(0), "unknown registry");
        require(registries[orgId].owner == msg.sender, "not the registry's organization");
        _;
    }

    function registryAdd(bytes32 orgId, string calldata uri, bytes32 scAddr, bytes32[] calldata appTypeIds) external {
        require(orgId != bytes32(0), "orgId is zero");
        require(registries[orgId].owner == address(0), "registry exists");
        registries[orgId] = Registry(msg.sender, uri, scAddr, appTypeIds, STATUS_ACTIVE);
        orgIds.push(orgId);
        emit RegistryAdded(orgId, msg.sender, uri, scAddr, appTypeIds);
    }

    /// Replaces the entry's uri, address and application types.
    function registryUpdate(bytes32 orgId, string calldata uri, bytes32 scAddr, bytes32[] calldata appTypeIds)
        external onlyOwnerOf(orgId)
    {
        Registry storage r = registries[orgId];
        r.uri = uri;
        r.scAddr = scAddr;
        r.appTypeIds = appTypeIds;
        emit RegistryUpdated(orgId, uri, scAddr, appTypeIds);
    }

    function registrySetStatus(bytes32 orgId, uint256 status) external onlyOwnerOf(orgId) {
        require(status >= STATUS_ACTIVE && status <= STATUS_DECOMMISSIONED, "status out of range");
        registries[orgId].status = status;
        emit RegistryStatusSet(orgId, status);
    }

    /// A zero appTypeId matches every registry. lookupTag 0 means no more pages; totalCount is the
    /// number of ids in this page. A call scans at most SCAN_LIMIT registries (the tag is where the
    /// next call scans from; a page may be empty while the tag is not 0).
    function registryLookUp(bytes32 appTypeId)
        external view returns (uint256 totalCount, uint256 lookupTag, bytes32[] memory ids)
    {
        return registryLookUpNext(appTypeId, 0);
    }

    function registryLookUpNext(bytes32 appTypeId, uint256 lookUpTag)
        public view returns (uint256 totalCount, uint256 newLookupTag, bytes32[] memory ids)
    {
        bytes32[] memory page = new bytes32[](PAGE_SIZE);
        uint256 end = lookUpTag + SCAN_LIMIT < orgIds.length ? lookUpTag + SCAN_LIMIT : orgIds.length;
        uint256 i = lookUpTag;
        for (; i < end && totalCount < PAGE_SIZE; i++) {
            if (servesApp(registries[orgIds[i]], appTypeId)) {
                page[totalCount++] = orgIds[i];
            }
        }
        newLookupTag = i < orgIds.length ? i : 0;
        ids = new bytes32[](totalCount);
        for (uint256 j = 0; j < totalCount; j++) ids[j] = page[j];
    }

    function registryRetrieve(bytes32 orgId)
        external view returns (string memory uri, bytes32 scAddr, bytes32[] memory appTypeIds, uint256 status)
    {
        Registry storage r = registries[orgId];
        return (r.uri, r.scAddr, r.appTypeIds, r.status);
    }

    function registryOwner(bytes32 orgId) external view returns (address) {
        return registries[orgId].owner;
    }

    function servesApp(Registry storage r, bytes32 appTypeId) private view returns (bool) {
        if (appTypeId == bytes32(0)) return true;
        for (uint256 i = 0; i < r.appTypeIds.length; i++) {
            if (r.appTypeIds[i] == appTypeId) return true;
        }
        return false;
    }
}
