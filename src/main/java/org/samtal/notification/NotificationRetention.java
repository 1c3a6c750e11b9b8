package org.samtal.notification;

import org.samtal.privacy.DataCategory;
import org.samtal.privacy.ExpiringRecords;
import org.samtal.privacy.RetentionRule;
import org.samtal.privacy.TableRecords;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Messages' place in the retention engine: what is left of a finished message (metadata only) is deleted 30 days
 * after it was created, installation-wide (the platform operator's data). A message still waiting is never due.
 */
@Configuration(proxyBeanMethods = false)
class NotificationRetention {

	@Bean
	ExpiringRecords notificationRecords(JdbcClient jdbc) {
		return TableRecords.in(jdbc, DataCategory.NOTIFICATION, "notification_message")
			.trigger(RetentionRule.Trigger.CREATED, "created_at")
			.subject("subject")
			.onlyWhere("status <> 'QUEUED'")
			.build();
	}
}
