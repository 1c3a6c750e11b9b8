package org.samtal.chat;

import java.security.Principal;
import java.util.Map;
import java.util.UUID;
import org.samtal.identity.StaffMember;
import org.samtal.privacy.NoClientData;
import org.samtal.tenancy.Receptions;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Reception admins see how visitors rated their conversations, in aggregate only. */
@Controller
class FeedbackAdmin {

	private final VisitFeedback feedback;
	private final Receptions receptions;

	FeedbackAdmin(VisitFeedback feedback, Receptions receptions) {
		this.feedback = feedback;
		this.receptions = receptions;
	}

	@NoClientData("anonymous aggregates; ratings and comments carry no link to a visitor, counselor or conversation")
	@GetMapping("/admin/feedback")
	String feedback(Principal principal, Model model) {
		StaffMember admin = Console.staff(principal);
		Map<UUID, String> names = new java.util.HashMap<>();
		receptions.byIds(admin.receptionIds()).forEach((id, reception) -> names.put(id, reception.name()));
		model.addAttribute("summaries", feedback.summaries(admin));
		model.addAttribute("names", names);
		model.addAttribute("minimum", feedback.minimumForSummary());
		return "admin-feedback";
	}
}
