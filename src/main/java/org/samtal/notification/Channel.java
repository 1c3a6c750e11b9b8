package org.samtal.notification;

/** How a message reaches its recipient. */
public enum Channel {
	EMAIL, SMS
}
