package org.samtal.privacy;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders consent records as Kantara Consent Receipts (v1.1), using the field names of that specification where
 * ISO/IEC TS 27560 has the same notion. Samtal adds what the specification leaves out: the state of the consent
 * (given or withdrawn), when and how it was withdrawn, the notice version it was given under, and whether a
 * significant change to the notice since means it needs renewal.
 */
@Component
class ConsentReceipts {

	static final String SPECIFICATION = "KI-CR-v1.1.0";

	private final JsonMapper json;
	private final ProcessingRegister register;

	ConsentReceipts(JsonMapper json, ProcessingRegister register) {
		this.json = json;
		this.register = register;
	}

	record Receipts(String piiPrincipalId, String piiController, List<Receipt> consentReceipts) {
	}

	/** One consent receipt. Timestamps are seconds since the epoch, as the specification has them. */
	record Receipt(String version, String jurisdiction, long consentTimestamp, String collectionMethod,
			String consentReceiptID, String language, String piiPrincipalId, List<PiiController> piiControllers,
			String policyUrl, List<Service> services, boolean sensitive, List<String> spiCat, String state,
			Long withdrawalTimestamp, String withdrawalMethod, int noticeVersion, boolean needsRenewal) {
	}

	/** @param contact the organisation's data protection officer */
	record PiiController(String piiController, boolean onBehalf, String contact, String email) {
	}

	record Service(String service, List<Purpose> purposes) {
	}

	record Purpose(String purpose, List<String> purposeCategory, String consentType, List<String> piiCategory,
			boolean primaryPurpose, String termination, boolean thirdPartyDisclosure) {
	}

	String json(Controllers.DataController organisation, String subject, List<ConsentRecord> records, URI site) {
		PiiController controller = new PiiController(organisation.name(), false, organisation.dpoName(),
				organisation.dpoEmail());
		String policyUrl = site.resolve("/privacy/" + organisation.slug()).toString();
		List<Receipt> receipts = records.stream().map(record -> {
			boolean sensitive = sensitive(record.category());
			return new Receipt(SPECIFICATION, organisation.country(), record.givenAt().getEpochSecond(),
					record.method().name(), record.id().toString(), record.language().getLanguage(), subject,
					List.of(controller), policyUrl,
					List.of(new Service("Samtal", List.of(new Purpose(record.purpose().text(),
							List.of(record.purpose().code()), "EXPLICIT", List.of(record.category().name()), true,
							"Until withdrawn; withdrawing takes one action on the receipt page and applies at once.",
							false)))),
					sensitive, sensitive ? List.of("health") : List.of(),
					record.state() == ConsentRecord.State.WITHDRAWN ? "withdrawn" : "given",
					seconds(record.withdrawnAt()),
					record.withdrawalMethod() == null ? null : record.withdrawalMethod().name(), record.noticeVersion(),
					record.state() == ConsentRecord.State.NEEDS_RENEWAL);
		}).toList();
		return json.writerWithDefaultPrettyPrinter()
			.writeValueAsString(new Receipts(subject, organisation.name(), receipts));
	}

	/**
	 * Special-category data (Art. 9), which in Samtal means health data. A category no module declares yet counts as
	 * sensitive: on a counseling platform, that is the safe guess.
	 */
	private boolean sensitive(DataCategory category) {
		CategoryDeclaration declaration = register.categories().get(category);
		return declaration == null || declaration.specialCategoryCondition() != LegalBasis.Article9.NONE;
	}

	private static Long seconds(Instant instant) {
		return instant == null ? null : instant.getEpochSecond();
	}
}
