package org.samtal.privacy;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The privacy module's own records in the retention engine, besides the access log ({@link AccessLogRetention}). */
@Configuration(proxyBeanMethods = false)
class PrivacyRetention {

	/** A care contact explains access-log entries, so it goes when they could: counted from when it started. */
	@Bean
	ExpiringRecords careContactRecords(JdbcClient jdbc) {
		return TableRecords.in(jdbc, DataCategory.CARE_CONTACT, "care_contact")
			.organisation("organisation_id")
			.trigger(RetentionRule.Trigger.CREATED, "started_at")
			.subject("subject")
			.build();
	}

	/** Withdrawn consents go after the period; standing ones stay, as the proof the processing rests on. */
	@Bean
	ExpiringRecords consentRecords(JdbcClient jdbc) {
		return TableRecords.in(jdbc, DataCategory.CONSENT_RECORD, "consent_record")
			.organisation("organisation_id")
			.trigger(RetentionRule.Trigger.CONSENT_WITHDRAWN, "withdrawn_at")
			.subject("subject")
			.build();
	}

	/** Who changed an organisation's register, and when, for as long as the register declares. */
	@Bean
	ExpiringRecords registerChangeRecords(JdbcClient jdbc) {
		return TableRecords.in(jdbc, DataCategory.REGISTER_CHANGE, "register_change")
			.organisation("organisation_id")
			.trigger(RetentionRule.Trigger.CREATED, "changed_at")
			.build();
	}

	/** A legal hold goes the register's period after it is lifted; one still in force stays. */
	@Bean
	ExpiringRecords legalHoldRecords(JdbcClient jdbc) {
		return TableRecords.in(jdbc, DataCategory.REGISTER_CHANGE, "legal_hold")
			.organisation("organisation_id")
			.trigger(RetentionRule.Trigger.CREATED, "coalesce(lifted_at, 'infinity'::timestamptz)")
			.build();
	}

	/** The retention engine's own reports, for the whole installation. */
	@Bean
	ExpiringRecords retentionRunRecords(JdbcClient jdbc) {
		return TableRecords.in(jdbc, DataCategory.REGISTER_CHANGE, "retention_run")
			.key("id")
			.trigger(RetentionRule.Trigger.CREATED, "started_at")
			.onlyWhere("status <> 'RUNNING'")
			.build();
	}
}
