/** The EEA proxy model on Ethereum: contracts' wrappers, the TCS's DLT bridge, and the requester transport. */
package io.camelot.ethereum;
