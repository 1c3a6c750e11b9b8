package org.samtal.privacy;

public enum AccessAction {
	READ, CREATE, UPDATE, DELETE, EXPORT, PRINT, DISCLOSE
}
