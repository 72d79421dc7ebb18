/**
 * The EEA proxy model on Hyperledger Fabric, client side: Gateway connections, the requester transport
 * ({@link io.camelot.fabric.FabricTcsClient}) over the chaincode of module fabric-chaincode.
 */
package io.camelot.fabric;
