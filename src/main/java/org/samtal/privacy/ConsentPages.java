package org.samtal.privacy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.samtal.platform.Problems;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The subject's receipt page, opened by the key their receipt carries: their consent records with the organisation,
 * one button to withdraw each standing consent, and a JSON download. Without the right key it is a plain 404, so
 * nobody learns whether a record exists.
 */
@Controller
class ConsentPages {

	private final ConsentLedger ledger;
	private final Controllers organisations;

	ConsentPages(ConsentLedger ledger, Controllers organisations) {
		this.ledger = ledger;
		this.organisations = organisations;
	}

	record RecordView(String purpose, String purposeCode, String givenAt, int noticeVersion, String method,
			String state, String withdrawnAt, boolean standing) {
	}

	@GetMapping("/consent/{recordId}")
	String receipt(@PathVariable String recordId, @RequestParam(required = false) String key,
			@RequestParam(required = false) String withdrawn, Locale locale, Model model) {
		ConsentRecord opened = open(recordId, key);
		Controllers.DataController organisation = organisations.find(opened.organisationId())
			.orElseThrow(ConsentPages::notFound);
		DateTimeFormatter format = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
			.withLocale(locale);
		List<RecordView> records = ledger.recordsOf(opened.organisationId(), opened.subject())
			.stream()
			.map(r -> new RecordView(r.purpose().text(), r.purpose().code(),
					at(r.givenAt(), organisation.timeZone(), format), r.noticeVersion(), r.method().name(),
					r.state().name(), at(r.withdrawnAt(), organisation.timeZone(), format),
					r.state() != ConsentRecord.State.WITHDRAWN))
			.toList();
		model.addAttribute("organisation", organisation);
		model.addAttribute("records", records);
		model.addAttribute("recordId", opened.id());
		model.addAttribute("key", key);
		model.addAttribute("withdrawn", withdrawn != null);
		return "consent";
	}

	@PostMapping("/consent/{recordId}/withdraw")
	String withdraw(@PathVariable String recordId, @RequestParam(required = false) String key,
			@RequestParam(required = false) String purpose, @RequestParam(required = false) String lang) {
		ConsentRecord opened = open(recordId, key);
		// The key proves who the subject is; their other standing consents are theirs to withdraw too.
		String code = purpose == null || purpose.isBlank() ? opened.purpose().code() : purpose;
		int withdrawn = ledger.withdraw(opened.organisationId(), opened.subject(), code, ConsentRecord.Method.WEB_FORM);
		// Nothing withdrawn is fine when it already was (a second click); not for a purpose never consented to.
		if (withdrawn == 0 && ledger.recordsOf(opened.organisationId(), opened.subject())
			.stream()
			.noneMatch(r -> r.purpose().code().equals(code))) {
			throw Problems.badRequest("consent-purpose-unknown", "No such consent",
					"You have given this organisation no consent for that purpose, so there is nothing to withdraw.");
		}
		UriComponentsBuilder back = UriComponentsBuilder.fromPath("/consent/{id}")
			.queryParam("key", key)
			.queryParam("withdrawn", 1);
		if (lang != null && !lang.isBlank()) {
			back.queryParam("lang", lang);
		}
		return "redirect:" + back.encode().buildAndExpand(opened.id()).toUriString();
	}

	@GetMapping("/consent/{recordId}/receipt.json")
	ResponseEntity<byte[]> download(@PathVariable String recordId, @RequestParam(required = false) String key) {
		ConsentRecord opened = open(recordId, key);
		URI site = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUri();
		byte[] body = ledger.receiptJson(opened.organisationId(), opened.subject(), site)
			.getBytes(StandardCharsets.UTF_8);
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.cacheControl(CacheControl.noStore())
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("consent-receipts.json").build().toString())
			.body(body);
	}

	private ConsentRecord open(String recordId, String key) {
		UUID id;
		try {
			id = UUID.fromString(recordId);
		}
		catch (IllegalArgumentException notAnId) {
			throw notFound();
		}
		return ledger.open(id, key).orElseThrow(ConsentPages::notFound);
	}

	private static Problems notFound() {
		return Problems.notFound("consent-not-found", "No such receipt",
				"There is no consent receipt at this address. Check that the whole link was copied.");
	}

	private static String at(Instant instant, ZoneId zone, DateTimeFormatter format) {
		return instant == null ? null : format.format(instant.atZone(zone));
	}
}
