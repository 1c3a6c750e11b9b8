package org.samtal.privacy;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.stereotype.Component;

/** {@code GET /actuator/accesslog}: verifies the access log's chain, for admins and monitoring. */
@Component
@Endpoint(id = "accesslog")
class AccessLogEndpoint {

	private final AccessLog accessLog;

	AccessLogEndpoint(AccessLog accessLog) {
		this.accessLog = accessLog;
	}

	@ReadOperation
	AccessLogVerification verify() {
		return accessLog.verify();
	}
}
