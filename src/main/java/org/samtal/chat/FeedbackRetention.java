package org.samtal.chat;

import org.samtal.privacy.DataCategory;
import org.samtal.privacy.ExpiringRecords;
import org.samtal.privacy.RetentionRule;
import org.samtal.privacy.TableRecords;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Feedback's place in the retention engine: deleted after each organisation's period for it (the register's default,
 * or the organisation's own choice within the legal bounds), counted from the day it was given. It is kept in one
 * partition per month, and a month every organisation's period has passed is dropped whole.
 */
@Configuration(proxyBeanMethods = false)
class FeedbackRetention {

	@Bean
	ExpiringRecords feedbackRecords(JdbcClient jdbc) {
		return TableRecords.in(jdbc, DataCategory.FEEDBACK, "feedback")
			.organisationWhere("reception_id IN (SELECT r.id FROM reception r WHERE r.organisation_id = ?)")
			.trigger(RetentionRule.Trigger.CREATED, "given_on")
			.partitionedOn(RetentionRule.Trigger.CREATED)
			.build();
	}
}
