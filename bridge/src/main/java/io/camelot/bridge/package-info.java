/**
 * The proxy model's bridge, whatever the chain: following WorkOrderSubmitted events from a durable
 * checkpoint, relaying work orders to the TCS and their outcomes back, and keeping the chain's
 * worker registry in step with the TCS. A chain plugs in as a {@link io.camelot.bridge.ProxyChain}.
 */
package io.camelot.bridge;
