/**
 * The EEA proxy model on Ethereum: the contracts' wrappers, the TCS's DLT bridge and the requester
 * transport.
 */
package io.camelot.ethereum;
