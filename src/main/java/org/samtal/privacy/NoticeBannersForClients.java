package org.samtal.privacy;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The banners a signed-in client sees on their own account pages: one for each organisation that holds anything
 * about them and has announced a significant change to its notice. The account pages are the operator's, so they
 * cannot show one organisation's banner as its reception pages do.
 */
@Service
public class NoticeBannersForClients {

	private final PrivacyNotices notices;
	private final SubjectRights rights;

	NoticeBannersForClients(PrivacyNotices notices, SubjectRights rights) {
		this.notices = notices;
		this.rights = rights;
	}

	@Transactional(readOnly = true)
	public List<NoticeBanner> of(DataSubject subject, Locale locale) {
		Set<UUID> announcing = notices.announcingSignificantChanges();
		if (announcing.isEmpty()) {
			// The usual case: one small query, and no look through everything kept about the client.
			return List.of();
		}
		return banners(announcing, rights.holdersOf(subject), locale);
	}

	/** For a page that has looked through the client's data already: the controllers it found. */
	@Transactional(readOnly = true)
	public List<NoticeBanner> of(Collection<SubjectRights.Holder> holders, Locale locale) {
		Set<UUID> announcing = notices.announcingSignificantChanges();
		return announcing.isEmpty() ? List.of() : banners(announcing, holders, locale);
	}

	private List<NoticeBanner> banners(Set<UUID> announcing, Collection<SubjectRights.Holder> holders, Locale locale) {
		return holders.stream()
			.map(SubjectRights.Holder::organisationId)
			.filter(Objects::nonNull)
			.filter(announcing::contains)
			.distinct()
			.map(organisation -> notices.banner(organisation, locale))
			.flatMap(Optional::stream)
			.toList();
	}
}
