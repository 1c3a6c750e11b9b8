package org.samtal.chat;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

	private final ChatConnections connections;
	private final VisitorChat visitors;
	private final CounselorChat counselors;
	private final JsonMapper json;

	WebSocketConfiguration(ChatConnections connections, VisitorChat visitors, CounselorChat counselors, JsonMapper json) {
		this.connections = connections;
		this.visitors = visitors;
		this.counselors = counselors;
		this.json = json;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		// No allowed origins configured: only same-origin pages and non-browser clients may connect.
		registry.addHandler(new ChatSocket(connections, visitors, counselors, json), "/ws/chat");
	}

	/** A frame holds one message of at most 4,000 characters plus its envelope. */
	@Bean
	ServletServerContainerFactoryBean webSocketContainer() {
		ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
		container.setMaxTextMessageBufferSize(64 * 1024);
		container.setMaxSessionIdleTimeout(120_000L);
		return container;
	}
}
