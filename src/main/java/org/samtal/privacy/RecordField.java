package org.samtal.privacy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A field of an exported record as a page shows it (My data, a request's answer): a single value, or a list of items
 * (form answers, a token's dates).
 */
public record RecordField(String key, String text, List<String> items) {

	public static List<RecordField> of(Map<?, ?> record) {
		List<RecordField> fields = new ArrayList<>();
		record.forEach((key, value) -> {
			if (value instanceof Collection<?> collection) {
				fields.add(new RecordField(key.toString(), null, collection.stream().map(RecordField::item).toList()));
			}
			else if (value instanceof Map<?, ?> map) {
				fields.add(new RecordField(key.toString(), null,
						map.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList()));
			}
			else {
				fields.add(new RecordField(key.toString(), value == null ? "–" : value.toString(), null));
			}
		});
		return fields;
	}

	private static String item(Object item) {
		if (item instanceof Map<?, ?> map) {
			return map.values().stream().map(String::valueOf).collect(Collectors.joining(" · "));
		}
		return String.valueOf(item);
	}
}
