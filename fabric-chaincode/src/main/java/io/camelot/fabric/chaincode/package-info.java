/**
 * The EEA proxy model on Hyperledger Fabric: the worker registry, the registry list, the work order
 * registry and the receipt registry as one Java chaincode run as a service (docs/fabric.md). The
 * registries' logic runs against {@link io.camelot.fabric.chaincode.Ledger}, so it is tested without a
 * peer; {@link io.camelot.fabric.chaincode.ProxyChaincode} binds it to the shim.
 */
package io.camelot.fabric.chaincode;
