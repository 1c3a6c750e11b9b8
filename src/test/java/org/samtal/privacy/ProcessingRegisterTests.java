package org.samtal.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Period;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.samtal.SamtalTest;
import org.samtal.platform.Problems;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@SamtalTest
class ProcessingRegisterTests {

	@Autowired
	ProcessingRegister register;

	@Autowired
	JdbcClient jdbc;

	@Test
	void everyTableIsDeclaredEitherAsACategoryOfPersonalDataOrAsHoldingNone() {
		// A partition belongs to its table's category (feedback is kept one month per partition).
		List<String> tables = jdbc.sql("""
				SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
				WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
				AND c.relname NOT LIKE 'flyway_schema_history%'
				""").query(String.class).list();
		Set<String> declared = new HashSet<>(register.personalTables().keySet());
		declared.addAll(register.nonPersonalTables().keySet());
		assertThat(declared).as("every table in the database is in the register").containsAll(tables);
		assertThat(tables).as("the register names no table that does not exist").containsAll(declared);
		assertThat(register.personalTables().keySet()).doesNotContainAnyElementsOf(register.nonPersonalTables().keySet());
	}

	@Test
	void everyCategoryInUseHasPurposeLegalBasisAndARetentionRuleWithItsLegalSource() {
		assertThat(register.categories().keySet()).containsAll(register.personalTables().values());
		for (CategoryDeclaration declaration : register.categories().values()) {
			assertThat(declaration.purposes()).as(declaration.category() + " purposes").isNotEmpty();
			assertThat(declaration.legalBasis()).isNotNull();
			assertThat(declaration.storageLocation()).contains("EU/EEA");
			assertThat(declaration.retention().legalSource()).as(declaration.category() + " legal source").isNotBlank();
		}
		assertThat(register.declaration(DataCategory.CHAT_CONTENT).retention().trigger())
			.isEqualTo(RetentionRule.Trigger.CONVERSATION_ENDED);
		assertThat(register.declaration(DataCategory.CHAT_CONTENT).retention().keptFor()).isEqualTo(Period.ZERO);
		assertThat(register.declaration(DataCategory.ACCESS_LOG_ENTRY).retention().keptFor()).isEqualTo(Period.ofYears(5));
		assertThat(register.declaration(DataCategory.ACCESS_LOG_ENTRY).erasableOnRequest()).isFalse();
	}

	@Test
	void anOrganisationMayChooseItsRetentionWithinTheLegalBoundsAndIsToldWhyOtherwise() {
		UUID organisation = UUID.randomUUID();
		assertThat(register.retentionFor(organisation, DataCategory.ACCESS_LOG_ENTRY)).isEqualTo(Period.ofYears(5));

		assertThatThrownBy(() -> register.overrideRetention(organisation, DataCategory.ACCESS_LOG_ENTRY, Period.ofYears(3)))
			.isInstanceOfSatisfying(Problems.class, problem -> {
				assertThat(problem.slug()).isEqualTo("retention-out-of-bounds");
				assertThat(problem.detail()).contains("between 5 years and 10 years").contains("HSLF-FS 2016:40")
					.contains("3 years is outside");
			});
		assertThatThrownBy(() -> register.overrideRetention(organisation, DataCategory.CHAT_CONTENT, Period.ofMonths(1)))
			.isInstanceOfSatisfying(Problems.class,
					problem -> assertThat(problem.detail()).contains("exactly no time at all"));

		register.overrideRetention(organisation, DataCategory.ACCESS_LOG_ENTRY, Period.ofYears(7));
		assertThat(register.retentionFor(organisation, DataCategory.ACCESS_LOG_ENTRY)).isEqualTo(Period.ofYears(7));
		assertThat(register.retentionFor(UUID.randomUUID(), DataCategory.ACCESS_LOG_ENTRY))
			.as("other organisations keep the default").isEqualTo(Period.ofYears(5));
	}

	@Test
	void anOrganisationRestsACategoryOnAnotherBasisOnlyWhereTheDeclarationAllowsIt() {
		UUID clinic = UUID.randomUUID();
		assertThat(register.entry(clinic, DataCategory.APPOINTMENT).legalBasis())
			.isEqualTo(LegalBasis.Article6.PUBLIC_INTEREST);

		register.baseOn(clinic, DataCategory.APPOINTMENT, LegalBasis.Article6.CONTRACT);

		assertThat(register.entry(clinic, DataCategory.APPOINTMENT).legalBasis()).isEqualTo(LegalBasis.Article6.CONTRACT);
		assertThat(register.entry(UUID.randomUUID(), DataCategory.APPOINTMENT).legalBasis())
			.as("other organisations keep the declared basis").isEqualTo(LegalBasis.Article6.PUBLIC_INTEREST);
		assertThatThrownBy(() -> register.baseOn(clinic, DataCategory.APPOINTMENT, LegalBasis.Article6.VITAL_INTERESTS))
			.isInstanceOfSatisfying(Problems.class, problem -> {
				assertThat(problem.slug()).isEqualTo("legal-basis-not-allowed");
				assertThat(problem.detail()).contains("CONTRACT").contains("PUBLIC_INTEREST");
			});
	}

	@Test
	void thePlatformOperatorsCategoriesAreTheSameForEveryOrganisation() {
		UUID organisation = UUID.randomUUID();
		for (Runnable change : List.<Runnable>of(
				() -> register.overrideRetention(organisation, DataCategory.CLIENT_ACCOUNT, Period.ofDays(200)),
				() -> register.countFrom(organisation, DataCategory.LOGIN_ATTEMPT,
						RetentionRule.Trigger.LAST_FAILED_LOGIN),
				() -> register.baseOn(organisation, DataCategory.STAFF_ACCOUNT, LegalBasis.Article6.CONTRACT))) {
			assertThatThrownBy(change::run).isInstanceOfSatisfying(Problems.class,
					problem -> assertThat(problem.slug()).isEqualTo("retention-not-the-organisations"));
		}
	}

	@Test
	void aRuleMustLieWithinItsOwnBounds() {
		assertThatThrownBy(() -> new RetentionRule(RetentionRule.Trigger.CREATED, Period.ofYears(1),
				RetentionRule.Action.DELETE, "x", Period.ofYears(2), Period.ofYears(3)))
			.isInstanceOf(IllegalArgumentException.class);
	}
}
