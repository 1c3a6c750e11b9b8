package org.samtal.tenancy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.samtal.platform.Problems;

/**
 * Questions a reception asks before a chat starts, e.g. age group and topic. Only fixed choices: free text would
 * invite a visitor to type who they are. The answers live and die with the conversation.
 */
public record PreChatForm(List<Field> fields) {

	public PreChatForm {
		fields = List.copyOf(fields);
	}

	public record Field(String name, LocalizedText label, boolean required, List<Option> options) {

		public Field {
			options = List.copyOf(options);
		}

		boolean allows(String value) {
			return options.stream().anyMatch(option -> option.value().equals(value));
		}
	}

	public record Option(String value, LocalizedText label) {
	}

	/**
	 * Checks answers against the form and returns them in form order, without blank optional answers.
	 * @throws Problems naming the first field that is unknown, missing or has a value the form does not offer
	 */
	public Map<String, String> validate(Map<String, ?> answers) {
		Set<String> known = fields.stream().map(Field::name).collect(Collectors.toSet());
		for (String name : answers.keySet()) {
			if (!known.contains(name)) {
				throw Problems.badRequest("form-unknown-field", "Unknown form field",
						"The form has no field named '" + abbreviate(name) + "'.");
			}
		}
		Map<String, String> valid = new LinkedHashMap<>();
		for (Field field : fields) {
			Object raw = answers.get(field.name());
			if (raw != null && !(raw instanceof String)) {
				throw Problems.badRequest("form-invalid-answer", "Invalid form answer",
						"The answer to '" + field.name() + "' must be a string.");
			}
			String value = raw == null ? "" : ((String) raw).trim();
			if (value.isEmpty()) {
				if (field.required()) {
					throw Problems.badRequest("form-missing-answer", "Missing form answer",
							"The field '" + field.name() + "' needs an answer.");
				}
				continue;
			}
			if (!field.allows(value)) {
				throw Problems.badRequest("form-invalid-answer", "Invalid form answer",
						"'" + abbreviate(value) + "' is not one of the choices for '" + field.name() + "'.");
			}
			valid.put(field.name(), value);
		}
		return valid;
	}

	private static String abbreviate(String text) {
		return text.length() <= 40 ? text : text.substring(0, 40) + "…";
	}
}
