package org.samtal.identity;

/** What a staff member may do. An admin also counsels, and sees the reception's aggregates and operations. */
public enum StaffRole {
	COUNSELOR, ADMIN
}
