package org.samtal.privacy;

import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** A retention engine over the application's own beans, with the batch size and pace a test asks for. */
final class RetentionSweeps {

	private RetentionSweeps() {
	}

	static RetentionSweep with(ApplicationContext context, int batchSize, RetentionPace pace) {
		return with(context, context.getBeanProvider(ExpiringRecords.class).orderedStream().toList(), batchSize, pace);
	}

	static RetentionSweep with(ApplicationContext context, List<ExpiringRecords> records, int batchSize,
			RetentionPace pace) {
		return new RetentionSweep(context.getBean(ProcessingRegister.class), records,
				context.getBean(Controllers.class), context.getBean(LegalHolds.class),
				context.getBean(RetentionRuns.class), context.getBean(DataSource.class),
				context.getBean(TransactionTemplate.class), context.getBean(Admins.class),
				context.getBean(AccessLog.class), context.getBean(JdbcClient.class), context.getBean(Clock.class),
				batchSize, pace);
	}
}
