package org.samtal.tenancy;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The organisations (controllers) using this Samtal, for clinics' sites and for anyone looking for a notice. */
@RestController
@Tag(name = "Organisations", description = "The controllers of personal data in this installation")
class OrganisationsApi {

	private final Receptions receptions;

	OrganisationsApi(Receptions receptions) {
		this.receptions = receptions;
	}

	record OrganisationSummary(String slug, String name, String country) {
	}

	@GetMapping("/api/v1/organisations")
	@Operation(summary = "List the organisations: slug, name and country (SE or NO)")
	List<OrganisationSummary> organisations() {
		return receptions.organisations()
			.stream()
			.map(o -> new OrganisationSummary(o.slug(), o.name(), o.country().name()))
			.toList();
	}
}
