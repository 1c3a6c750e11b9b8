package org.samtal.requests;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A record of the export as lines a page can show: a single value, or a list of items (messages, form answers). */
record RecordFields(String key, String text, List<String> items) {

	static List<RecordFields> of(Map<?, ?> record) {
		List<RecordFields> fields = new ArrayList<>();
		record.forEach((key, value) -> {
			if (value instanceof Collection<?> collection) {
				fields.add(new RecordFields(key.toString(), null, collection.stream().map(RecordFields::item).toList()));
			}
			else if (value instanceof Map<?, ?> map) {
				fields.add(new RecordFields(key.toString(), null,
						map.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList()));
			}
			else {
				fields.add(new RecordFields(key.toString(), value == null ? "–" : value.toString(), null));
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
