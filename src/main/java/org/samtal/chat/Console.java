package org.samtal.chat;

import java.io.IOException;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.samtal.identity.StaffMember;
import org.samtal.platform.Problems;
import org.samtal.privacy.AccessLogged;
import org.samtal.privacy.DataCategory;
import org.samtal.privacy.NoClientData;
import org.samtal.tenancy.PreChatForm;
import org.samtal.tenancy.Reception;
import org.samtal.tenancy.Receptions;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;

/** The counselor console: the page, and the JSON it loads the queue and conversations from. */
@Controller
class Console {

	private final CounselorChat counselors;
	private final Receptions receptions;

	Console(CounselorChat counselors, Receptions receptions) {
		this.counselors = counselors;
		this.receptions = receptions;
	}

	record QueueView(UUID id, String reception, String handle, int position, long waitingSeconds,
			Map<String, String> form, String firstMessage) {
	}

	record ActiveView(UUID id, String reception, String handle) {
	}

	record ConversationView(UUID id, String reception, String handle, Map<String, String> form,
			List<MessageView> messages) {
	}

	@NoClientData("the staff member's own name and receptions")
	@GetMapping("/console")
	String console(Principal principal, Model model) {
		StaffMember staff = staff(principal);
		model.addAttribute("staff", staff);
		model.addAttribute("receptions", receptions.byIds(staff.receptionIds()).values().stream()
			.map(Reception::name).toList());
		return "console";
	}

	@AccessLogged({ DataCategory.CHAT_CONTENT, DataCategory.FORM_ANSWER })
	@GetMapping("/console/api/queue")
	@ResponseBody
	List<QueueView> queue(Principal principal, Locale locale) {
		StaffMember staff = staff(principal);
		Map<UUID, Reception> mine = receptionsOf(staff);
		return counselors.queue(staff)
			.stream()
			.map(e -> new QueueView(e.id(), mine.get(e.receptionId()).name(), e.handle(), e.position(),
					e.waiting().toSeconds(), labelled(mine.get(e.receptionId()), e.form(), locale), e.firstMessage()))
			.toList();
	}

	@AccessLogged(DataCategory.CHAT_CONTENT)
	@GetMapping("/console/api/conversations")
	@ResponseBody
	List<ActiveView> active(Principal principal) {
		StaffMember staff = staff(principal);
		Map<UUID, Reception> mine = receptionsOf(staff);
		return counselors.listActive(staff)
			.stream()
			.map(c -> new ActiveView(c.id(), mine.get(c.receptionId()).name(), c.handle()))
			.toList();
	}

	@NoClientData("assigns the conversation; answers with its id only")
	@PostMapping("/console/api/conversations/{id}/take")
	@ResponseBody
	Map<String, UUID> take(@PathVariable UUID id, Principal principal) {
		return Map.of("id", counselors.take(staff(principal), id));
	}

	@NoClientData("assigns the longest-waiting conversation; answers with its id only")
	@PostMapping("/console/api/queue/take-next")
	@ResponseBody
	Map<String, UUID> takeNext(Principal principal) {
		return counselors.takeNext(staff(principal))
			.map(id -> Map.of("id", id))
			.orElseThrow(() -> Problems.notFound("queue-empty", "Nobody is waiting",
					"Nobody is waiting in your receptions' queues."));
	}

	@AccessLogged({ DataCategory.CHAT_CONTENT, DataCategory.FORM_ANSWER })
	@GetMapping("/console/api/conversations/{id}")
	@ResponseBody
	ConversationView open(@PathVariable UUID id, Principal principal, Locale locale) {
		StaffMember staff = staff(principal);
		CounselorChat.Opened opened = counselors.open(staff, id);
		Reception reception = receptionsOf(staff).get(opened.conversation().receptionId());
		return new ConversationView(id, reception.name(), opened.conversation().handle(),
				labelled(reception, opened.form(), locale), opened.messages().stream().map(MessageView::of).toList());
	}

	@NoClientData("stores the counselor's own file and answers with it")
	@PostMapping(path = "/console/api/conversations/{id}/files", consumes = "multipart/form-data")
	ResponseEntity<MessageView> upload(@PathVariable UUID id, @RequestParam("file") MultipartFile file,
			Principal principal) throws IOException {
		ChatMessage message = counselors.attach(staff(principal), id, file.getOriginalFilename(), file.getContentType(),
				file.getBytes());
		return ResponseEntity.status(HttpStatus.CREATED).body(MessageView.of(message));
	}

	@AccessLogged(DataCategory.CHAT_FILE)
	@GetMapping("/console/files/{conversationId}/{fileId}")
	ResponseEntity<byte[]> download(@PathVariable UUID conversationId, @PathVariable UUID fileId, Principal principal) {
		return FileResponses.attachment(counselors.download(staff(principal), conversationId, fileId));
	}

	@AccessLogged(DataCategory.CHAT_CONTENT)
	@PostMapping("/console/api/conversations/{id}/end")
	ResponseEntity<Void> end(@PathVariable UUID id, Principal principal) {
		counselors.end(staff(principal), id);
		return ResponseEntity.noContent().build();
	}

	private Map<UUID, Reception> receptionsOf(StaffMember staff) {
		return receptions.byIds(staff.receptionIds());
	}

	/** Form answers as the counselor reads them: the reception's question and answer texts, in their language. */
	private static Map<String, String> labelled(Reception reception, Map<String, String> answers, Locale locale) {
		Map<String, String> labelled = new LinkedHashMap<>();
		PreChatForm form = reception.preChatForm().orElse(null);
		answers.forEach((name, value) -> {
			PreChatForm.Field field = form == null ? null
					: form.fields().stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
			if (field == null) {
				labelled.put(name, value);
				return;
			}
			String answer = field.options().stream().filter(o -> o.value().equals(value)).findFirst()
				.map(o -> o.label().in(locale)).orElse(value);
			labelled.put(field.label().in(locale), answer);
		});
		return labelled;
	}

	static StaffMember staff(Principal principal) {
		return StaffMember.of(principal)
			.orElseThrow(() -> Problems.of(HttpStatus.UNAUTHORIZED, "login-required", "Log in", "Log in as staff."));
	}
}
