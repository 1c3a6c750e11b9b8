package org.samtal.chat;

import org.springframework.stereotype.Component;

/** Delivery within one node: every connection is held here. */
@Component
class LocalChatDelivery implements ChatDelivery {

	private final ChatConnections connections;

	LocalChatDelivery(ChatConnections connections) {
		this.connections = connections;
	}

	@Override
	public void publish(ChatEvent event) {
		connections.deliver(event);
	}
}
