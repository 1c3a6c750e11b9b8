package org.samtal.privacy;

import java.security.Principal;
import java.util.Locale;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The organisation's record of processing activities (GDPR Art. 30(1)): as a JSON file, and as a page to print. */
@Controller
class ProcessingRecordPage {

	private final ProcessingRecord record;
	private final Admins admins;
	private final Controllers controllers;

	ProcessingRecordPage(ProcessingRecord record, Admins admins, Controllers controllers) {
		this.record = record;
		this.admins = admins;
		this.controllers = controllers;
	}

	@NoClientData("the organisation's register: categories, purposes, legal bases and retention; no client data")
	@GetMapping(path = "/admin/register/art30.json", produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasRole('ADMIN')")
	ResponseEntity<ProcessingRecord.Document> json(Principal principal, Locale locale) {
		StaffDirectory.Reviewer admin = admins.of(principal);
		String slug = controllers.find(admin.organisationId()).orElseThrow().slug();
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("art30-" + slug + ".json").build().toString())
			.contentType(MediaType.APPLICATION_JSON)
			.body(record.of(admin.organisationId(), locale));
	}

	@NoClientData("the organisation's register: categories, purposes, legal bases and retention; no client data")
	@GetMapping("/admin/register/art30")
	@PreAuthorize("hasRole('ADMIN')")
	String page(Principal principal, Locale locale, Model model) {
		model.addAttribute("record", record.of(admins.of(principal).organisationId(), locale));
		return "admin-art30";
	}
}
