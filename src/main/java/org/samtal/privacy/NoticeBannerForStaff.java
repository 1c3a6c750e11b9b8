package org.samtal.privacy;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * Gives every staff page (console and admin) the banner of a significant notice change their organisation has
 * announced, as the model attribute {@code noticeBanner}. Only pages: JSON answers render no view, so the console's
 * polling costs no query.
 */
@Component
class NoticeBannerForStaff implements HandlerInterceptor, WebMvcConfigurer {

	private final PrivacyNotices notices;
	private final StaffDirectory staff;

	NoticeBannerForStaff(PrivacyNotices notices, StaffDirectory staff) {
		this.notices = notices;
		this.staff = staff;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this).addPathPatterns("/console", "/console/**", "/admin/**");
	}

	@Override
	public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
			ModelAndView page) {
		Principal principal = request.getUserPrincipal();
		if (page == null || page.getViewName() == null || page.getViewName().startsWith("redirect:")
				|| principal == null) {
			return;
		}
		staff.reviewer(principal)
			.flatMap(member -> notices.banner(member.organisationId(), RequestContextUtils.getLocale(request)))
			.ifPresent(banner -> page.addObject("noticeBanner", banner));
	}
}
