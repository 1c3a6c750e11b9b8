package org.samtal.chat;

/**
 * The one path by which chat events reach connections. This node's implementation hands them to its own
 * connections; a multi-node deployment replaces it with one that publishes to a message bus and lets every node
 * deliver to the connections it holds.
 */
interface ChatDelivery {

	void publish(ChatEvent event);
}
